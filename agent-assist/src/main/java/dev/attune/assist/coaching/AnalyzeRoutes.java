package dev.attune.assist.coaching;

import dev.attune.assist.commitments.DetectedPromise;
import dev.attune.assist.commitments.PromiseDetector;
import dev.attune.assist.guidance.Finding;
import dev.attune.assist.guidance.LiveRecall;
import dev.attune.assist.guidance.UtteranceRules;
import dev.attune.assist.transcripts.UtteranceFields;
import dev.attune.assist.web.ApiError;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.JsonBody;
import dev.attune.assist.web.RequestRate;
import dev.attune.assist.web.Viewer;
import dev.attune.core.bus.GuidanceItem;
import dev.attune.core.calls.Party;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /api/assist/analyze}: the live rules on one utterance, statelessly, for QA of chats and emails and for
 * evaluation. {@code {text, party, lang?, at?}} → {@code {guidance:[...], commitments:[{text, due, dueStated}]}};
 * {@code at} (ISO-8601 with offset) is when it was said, so "tomorrow" means the day after that. Clock times ("by
 * 3pm") are read in {@code timeZone} (IANA) when given, else in the center's zone: {@code at}'s offset only places
 * the moment, it never moves a promised 3pm (a chat from another site passes that site's {@code timeZone}). The
 * rules run on a worker (a long text takes tens of milliseconds) and each user is held to a {@link RequestRate}.
 */
public final class AnalyzeRoutes implements ApiRoutes {
  static final int MAX_TEXT_CHARS = 10_000;

  private final Vertx vertx;
  private final RequestRate rate;
  private final UtteranceRules rules;
  private final LiveRecall recall;
  private final PromiseDetector promises;
  private final ZoneId zone;
  private final Clock clock;
  /** The promise detector per zone a request read its clock times in (few: the sites a center has). */
  private final Map<ZoneId, PromiseDetector> detectors = new ConcurrentHashMap<>();

  /**
   * {@code promises} may be null (commitments off): then the list is always empty; {@code recall} may be null (the
   * sentence model is off): then the rules alone answer.
   */
  public AnalyzeRoutes(Vertx vertx, RequestRate rate, UtteranceRules rules, LiveRecall recall,
                       PromiseDetector promises, ZoneId zone, Clock clock) {
    this.vertx = vertx;
    this.recall = recall;
    this.rate = rate;
    this.rules = rules;
    this.promises = promises;
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public void mount(Router api) {
    api.post("/assist/analyze").handler(this::analyze);
  }

  private void analyze(RoutingContext ctx) {
    rate.take(Viewer.of(ctx).username());
    JsonObject body = JsonBody.of(ctx, "{text, party, lang?, at?, timeZone?}");
    String text = UtteranceFields.text(body.getValue("text"), MAX_TEXT_CHARS);
    Party party = UtteranceFields.party(body.getValue("party"));
    String lang = UtteranceFields.lang(body.getValue("lang"));
    ZonedDateTime at = at(body.getValue("at"), timeZone(body.getValue("timeZone")));
    CompletionStage<List<Finding>> recalled = recall == null ? CompletableFuture.completedFuture(List.of())
        : recall.findings(text, party, lang);
    Future.fromCompletionStage(recalled, vertx.getOrCreateContext())
        .compose(extra -> vertx.executeBlocking(() -> analysis(text, party, lang, at, extra), false))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** {@code recalled}: what the sentence model added beside the rules (its checklist cues are not asked for here). */
  private JsonObject analysis(String text, Party party, String lang, ZonedDateTime at, List<Finding> recalled) {
    JsonArray guidance = new JsonArray();
    List<Finding> findings = new java.util.ArrayList<>(rules.check(text, party, lang));
    recalled.stream().filter(f -> f.kind() != GuidanceItem.Kind.CHECKLIST).forEach(findings::add);
    for (Finding f : findings) {
      guidance.add(new JsonObject().put("kind", f.kind().name()).put("category", f.category()).put("title", f.title())
          .put("severity", f.severity().name()).put("message", f.message()).put("suggestion", f.suggestion())
          .put("evidence", f.evidence()));
    }
    JsonArray commitments = new JsonArray();
    List<DetectedPromise> found = promises == null ? List.of()
        : detectors.computeIfAbsent(at.getZone(), promises::inZone).detect(text, party, lang, at);
    for (DetectedPromise p : found) {
      commitments.add(new JsonObject().put("text", p.text())
          .put("due", p.deadline().due().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
          .put("dueStated", p.deadline().stated()));
    }
    return new JsonObject().put("guidance", guidance).put("commitments", commitments);
  }

  /** When it was said, on the clock its times are read by: {@code timeZone}, else the center's. */
  private ZonedDateTime at(Object value, ZoneId timeZone) {
    if (value == null) {
      return ZonedDateTime.now(clock.withZone(timeZone != null ? timeZone : zone));
    }
    OffsetDateTime said;
    try {
      said = OffsetDateTime.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("at must be ISO-8601 with an offset, e.g. 2026-11-23T10:15:00+08:00");
    }
    return said.atZoneSameInstant(timeZone != null ? timeZone : zone);
  }

  private static ZoneId timeZone(Object value) {
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof String name && !name.isBlank()) {
        return ZoneId.of(name.strip());
      }
    } catch (DateTimeException e) {
      // the message below says what is wanted
    }
    throw ApiError.badRequest("timeZone must be an IANA time zone, e.g. Asia/Shanghai or Europe/Berlin");
  }
}
