package dev.attune.assist.web;

import dev.attune.core.health.NodeHealth;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health}: the node's {@link NodeHealth}, 200 when UP and 503 when DOWN. */
public final class HealthRoutes {
  private final NodeHealth health;

  public HealthRoutes(NodeHealth health) {
    this.health = health;
  }

  public void handle(RoutingContext ctx) {
    health.check().onSuccess(report -> {
      ctx.response().setStatusCode(report.up() ? 200 : 503);
      ctx.json(report.body());
    }).onFailure(ctx::fail);
  }
}
