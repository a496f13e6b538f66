package dev.attune.assist.web;

import io.vertx.ext.web.Router;

/**
 * A group of {@code /api} routes another capability adds (transcripts, analyze, commitments). The router it gets is
 * already behind the bearer-token check, so {@link Viewer#of} works in every handler, and failures go to the one
 * {@link ApiFailureHandler}: throw {@link ApiError} (or {@code ctx.fail(err)}) instead of writing error JSON.
 */
@FunctionalInterface
public interface ApiRoutes {
  /** Registers routes relative to {@code /api}, e.g. {@code api.post("/calls/:id/transcript")}. */
  void mount(Router api);
}
