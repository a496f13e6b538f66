package dev.attune.assist.web;

import io.vertx.ext.web.RoutingContext;

/** The {@code limit} query parameter of the listing routes: how many at most, {@code fallback} when not given. */
public final class LimitParam {
  private LimitParam() {}

  public static int of(RoutingContext ctx, int fallback, int max) {
    String text = ctx.request().getParam("limit");
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the message below
    }
    throw ApiError.badRequest("limit must be a whole number 1.." + max);
  }
}
