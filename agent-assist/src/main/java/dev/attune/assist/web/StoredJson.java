package dev.attune.assist.web;

import com.hazelcast.core.HazelcastJsonValue;
import dev.attune.core.bus.Json;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Turns what the shared maps and the event bus hold (a record, a JSON string, a {@link HazelcastJsonValue} or a
 * {@link JsonObject}) into the JSON the edge sends, through the one {@link Json} mapping. The edge reads fields by
 * name, so a new field a bridge or store adds reaches the screens without a change here.
 */
final class StoredJson {
  private StoredJson() {}

  static JsonObject of(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof JsonObject json) {
      return json;
    }
    if (value instanceof String text) {
      return new JsonObject(text);
    }
    if (value instanceof HazelcastJsonValue json) {
      return new JsonObject(json.getValue());
    }
    return new JsonObject(Json.write(value));
  }

  /** An ISO-8601 instant field, or {@link Instant#MIN} when absent or unreadable (sorts last when newest first). */
  static Instant instant(JsonObject json, String field) {
    String text = json.getString(field);
    if (text == null) {
      return Instant.MIN;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }
}
