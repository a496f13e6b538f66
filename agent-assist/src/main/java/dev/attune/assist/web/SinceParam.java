package dev.attune.assist.web;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The {@code since} query parameter of the listing routes: an ISO instant, else {@code period} ago. */
public final class SinceParam {
  private SinceParam() {}

  public static Instant of(RoutingContext ctx, Clock clock, Duration period) {
    String text = ctx.request().getParam("since");
    if (text == null || text.isBlank()) {
      return clock.instant().minus(period);
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("since must be an instant like 2026-12-01T00:00:00Z");
    }
  }
}
