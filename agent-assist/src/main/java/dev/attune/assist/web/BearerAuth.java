package dev.attune.assist.web;

import io.vertx.ext.web.RoutingContext;

/**
 * Guards every {@code /api} route but one open path (signing in): reads {@code Authorization: Bearer <token>}, verifies it and puts the
 * {@link Viewer} in the context ({@link Viewer#of}); anything else fails the request with 401.
 */
public final class BearerAuth {
  private final AccessTokens tokens;
  private final String openPath;

  public BearerAuth(AccessTokens tokens, String openPath) {
    this.tokens = tokens;
    this.openPath = openPath;
  }

  public void handle(RoutingContext ctx) {
    if (ctx.normalizedPath().equals(openPath)) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.fail(ApiError.unauthorized("Authorization: Bearer <token> is required"));
      return;
    }
    tokens.verify(header.substring(7).trim()).onComplete(result -> {
      if (result.succeeded()) {
        ctx.put(Viewer.CONTEXT_KEY, result.result().viewer());
        ctx.next();
      } else {
        ctx.fail(result.cause());
      }
    });
  }
}
