package dev.attune.assist.coaching;

import dev.attune.assist.commitments.DetectedPromise;
import dev.attune.assist.commitments.PromiseDetector;
import dev.attune.assist.guidance.Finding;
import dev.attune.assist.guidance.UtteranceRules;
import dev.attune.assist.transcripts.UtteranceFields;
import dev.attune.assist.web.ApiError;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.JsonBody;
import dev.attune.assist.web.RequestRate;
import dev.attune.assist.web.Viewer;
import dev.attune.core.calls.Party;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code POST /api/assist/analyze}: the live rules on one utterance, statelessly, for QA of chats and emails and for
 * evaluation. {@code {text, party, lang?, at?}} → {@code {guidance:[...], commitments:[{text, due, dueStated}]}};
 * {@code at} (ISO-8601 with offset) is when it was said, so "tomorrow" means the day after that. The rules run on a
 * worker (a long text takes tens of milliseconds) and each user is held to a {@link RequestRate}.
 */
public final class AnalyzeRoutes implements ApiRoutes {
  static final int MAX_TEXT_CHARS = 10_000;

  private final Vertx vertx;
  private final RequestRate rate;
  private final UtteranceRules rules;
  private final PromiseDetector promises;
  private final ZoneId zone;
  private final Clock clock;

  /** {@code promises} may be null (commitments off): then the list is always empty. */
  public AnalyzeRoutes(Vertx vertx, RequestRate rate, UtteranceRules rules, PromiseDetector promises, ZoneId zone,
                       Clock clock) {
    this.vertx = vertx;
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
    JsonObject body = JsonBody.of(ctx, "{text, party, lang?, at?}");
    String text = UtteranceFields.text(body.getValue("text"), MAX_TEXT_CHARS);
    Party party = UtteranceFields.party(body.getValue("party"));
    String lang = UtteranceFields.lang(body.getValue("lang"));
    ZonedDateTime at = at(body.getValue("at"));
    vertx.executeBlocking(() -> analysis(text, party, lang, at), false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private JsonObject analysis(String text, Party party, String lang, ZonedDateTime at) {
    JsonArray guidance = new JsonArray();
    for (Finding f : rules.check(text, party, lang)) {
      guidance.add(new JsonObject().put("kind", f.kind().name()).put("category", f.category()).put("title", f.title())
          .put("severity", f.severity().name()).put("message", f.message()).put("suggestion", f.suggestion())
          .put("evidence", f.evidence()));
    }
    JsonArray commitments = new JsonArray();
    List<DetectedPromise> found = promises == null ? List.of() : promises.detect(text, party, lang, at);
    for (DetectedPromise p : found) {
      commitments.add(new JsonObject().put("text", p.text())
          .put("due", p.deadline().due().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
          .put("dueStated", p.deadline().stated()));
    }
    return new JsonObject().put("guidance", guidance).put("commitments", commitments);
  }

  private ZonedDateTime at(Object value) {
    if (value == null) {
      return ZonedDateTime.now(clock.withZone(zone));
    }
    try {
      return OffsetDateTime.parse(String.valueOf(value)).atZoneSameInstant(zone);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("at must be ISO-8601 with an offset, e.g. 2026-11-23T10:15:00+08:00");
    }
  }
}
