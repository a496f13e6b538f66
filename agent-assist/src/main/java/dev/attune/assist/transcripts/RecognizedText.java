package dev.attune.assist.transcripts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What a recognizer heard: text, final or partial, and its times in the stream (-1: start unknown).
 *
 * <p>From a Vosk server: {@code {"partial":"..."}} while a phrase is being heard, {@code {"result":[{word,
 * start, end, conf}...], "text":"..."}} when it is final (times in seconds from the start of the stream).
 * Chinese models put a space between characters; it is removed so the rules see normal Chinese text.
 */
record RecognizedText(String text, boolean isFinal, long startMs, long endMs) {

  static RecognizedText fromVosk(String json, long audioMs) {
    JsonObject answer = new JsonObject(json);
    if (answer.containsKey("partial")) {
      return new RecognizedText(tidy(answer.getString("partial", "")), false, -1, audioMs);
    }
    String text = tidy(answer.getString("text", ""));
    JsonArray words = answer.getJsonArray("result");
    long start = -1;
    long end = audioMs;
    if (words != null && !words.isEmpty()) {
      start = Math.round(words.getJsonObject(0).getDouble("start", 0.0) * 1000);
      end = Math.round(words.getJsonObject(words.size() - 1).getDouble("end", 0.0) * 1000);
    }
    return new RecognizedText(text, true, start, end);
  }

  /** Drops the spaces recognizers put between CJK characters; keeps spaces between Latin words. */
  static String tidy(String text) {
    return text.strip().replaceAll("(?<=[\\p{IsHan}])\\s+(?=[\\p{IsHan}])", "");
  }
}
