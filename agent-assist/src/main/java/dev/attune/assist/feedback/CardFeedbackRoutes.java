package dev.attune.assist.feedback;

import com.hazelcast.map.IMap;
import dev.attune.assist.web.ApiError;
import dev.attune.assist.web.BlockingJson;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.JsonBody;
import dev.attune.assist.web.Role;
import dev.attune.assist.web.RoleGate;
import dev.attune.assist.web.Viewer;
import dev.attune.core.bus.Json;
import dev.attune.core.guidance.ShownCard;
import dev.attune.core.guidance.ShownCard.Verdict;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.store.JsonRows;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Agents' verdicts on the cards they were shown, and what a center learns from them.
 * <ul>
 *   <li>{@code POST /guidance/:id/feedback {"verdict":"helpful|wrong|dismissed"}}: the agent the card was for (or a
 *       supervisor, who sees the severe ones) judges it; the last verdict counts. 404 for a card never shown, 403
 *       for someone else's.</li>
 *   <li>{@code GET /guidance?callId=X}: that call's cards with their verdicts (a reloaded screen shows them again).</li>
 *   <li>{@code GET /guidance/feedback?days=N} (admins): {@link FeedbackReport} over the last N days (default 30).</li>
 * </ul>
 * Cards are read from the database when the node has one ({@code store}), else from the cluster map.
 */
public final class CardFeedbackRoutes implements ApiRoutes {
  private static final int MAX_DAYS = 366;

  private final IMap<String, ShownCard> cards;
  private final JsonRows<ShownCard> store;
  private final MeterRegistry registry;
  private final Clock clock;

  public CardFeedbackRoutes(IMap<String, ShownCard> cards, JsonRows<ShownCard> store, MeterRegistry registry, Clock clock) {
    this.cards = cards;
    this.store = store;
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public void mount(Router api) {
    api.get("/guidance/feedback").handler(RoleGate.allow(Role.ADMIN)).handler(this::report);
    api.get("/guidance").handler(this::ofCall);
    api.post("/guidance/:id/feedback").handler(this::judge);
  }

  private void judge(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    String id = ctx.pathParam("id");
    Object raw = JsonBody.of(ctx, "{\"verdict\": \"helpful\" | \"wrong\" | \"dismissed\"}").getValue("verdict");
    Verdict verdict = verdict(raw);
    BlockingJson.respond(ctx, () -> {
      ShownCard card = cards.get(id);
      if (card == null) {
        throw ApiError.notFound("no card " + id);
      }
      if (!viewer.maySee(card.agent())) {
        throw ApiError.forbidden("not your card");
      }
      ShownCard judged = card.judged(verdict, viewer.username(), clock.instant());
      cards.set(id, judged); // written through: the verdict outlives the node
      Counter.builder(MetricNames.GUIDANCE_FEEDBACK).description("agents' verdicts on guidance cards")
          .tag("category", String.valueOf(card.category())).tag("verdict", verdict.name().toLowerCase(Locale.ROOT))
          .register(registry).increment();
      return Json.write(judged);
    });
  }

  private static Verdict verdict(Object raw) {
    if (raw instanceof String s) {
      for (Verdict v : Verdict.values()) {
        if (v.name().equalsIgnoreCase(s.trim())) {
          return v;
        }
      }
    }
    throw ApiError.badRequest("verdict must be helpful, wrong or dismissed");
  }

  private void ofCall(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    String callId = ctx.request().getParam("callId");
    if (callId == null || callId.isBlank()) {
      throw ApiError.badRequest("callId is required, e.g. /api/guidance?callId=pbx:1700000000.1");
    }
    BlockingJson.respond(ctx, () -> {
      List<ShownCard> shown = store != null ? store.ofOwner(callId) : cards.values().stream()
          .filter(c -> callId.equals(c.callId())).sorted(Comparator.comparing(ShownCard::at)).toList();
      return Json.write(shown.stream().filter(c -> viewer.maySee(c.agent())).toList());
    });
  }

  private void report(RoutingContext ctx) {
    int days = days(ctx.request().getParam("days"));
    Instant since = clock.instant().minus(Duration.ofDays(days));
    BlockingJson.respond(ctx, () -> {
      List<ShownCard> shown = store != null ? store.since(since) : cards.values().stream()
          .filter(c -> c.at() != null && !c.at().isBefore(since)).toList();
      return Json.write(FeedbackReport.of(since, shown));
    });
  }

  private static int days(String raw) {
    if (raw == null) {
      return 30;
    }
    try {
      int days = Integer.parseInt(raw.trim());
      if (days >= 1 && days <= MAX_DAYS) {
        return days;
      }
    } catch (NumberFormatException e) {
      // the message below says what is wanted
    }
    throw ApiError.badRequest("days must be a whole number from 1 to " + MAX_DAYS);
  }
}
