package dev.attune.core.health;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * One named part of {@code GET /health} (e.g. {@code ami}, {@code db}). A section whose JSON carries
 * {@code "status":"DOWN"}, or whose future fails, turns the whole node {@code DOWN} (HTTP 503).
 * Must not block: it runs on the event loop.
 */
@FunctionalInterface
public interface HealthSection {
  Future<JsonObject> check();
}
