package dev.attune.assist.transcripts;

import dev.attune.core.bus.TranscriptSegment;

import dev.attune.assist.web.ApiError;
import io.vertx.core.json.JsonObject;

/**
 * Reads {@code {party, text, startMs, endMs, final, lang}} from any ASR (or a chat tool) and says exactly what is
 * wrong when it cannot. Times are optional (chat text has none); {@code final} defaults to true, because a sender
 * that never sends partials means every segment as final.
 */
final class SegmentParser {
  static final int MAX_TEXT_CHARS = 4000;

  private SegmentParser() {}

  static TranscriptSegment parse(String callId, JsonObject body) {
    if (body == null) {
      throw ApiError.badRequest("expected a JSON object {party, text, startMs, endMs, final, lang}");
    }
    var party = UtteranceFields.party(body.getValue("party"));
    String text = UtteranceFields.text(body.getValue("text"), MAX_TEXT_CHARS);
    long startMs = millis(body, "startMs");
    long endMs = millis(body, "endMs");
    if (body.containsKey("endMs") && body.containsKey("startMs") && endMs < startMs) {
      throw ApiError.badRequest("endMs (" + endMs + ") is before startMs (" + startMs + ")");
    }
    Object isFinal = body.getValue("final", Boolean.TRUE);
    if (!(isFinal instanceof Boolean f)) {
      throw ApiError.badRequest("final must be true or false");
    }
    String lang = UtteranceFields.lang(body.getValue("lang"));
    return new TranscriptSegment(callId, party, text, startMs, Math.max(endMs, startMs), f, lang);
  }

  private static long millis(JsonObject body, String key) {
    Object value = body.getValue(key);
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() != Math.floor(n.doubleValue())) {
      throw ApiError.badRequest(key + " must be a whole number of milliseconds, 0 or more");
    }
    return n.longValue();
  }
}
