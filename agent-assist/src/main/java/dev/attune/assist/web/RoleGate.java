package dev.attune.assist.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * A route step that lets only some roles through ({@code 403} for the others):
 * {@code api.get("/alerts").handler(RoleGate.allow(Role.SUPERVISOR, Role.ADMIN)).handler(this::alerts)}.
 */
public final class RoleGate implements Handler<RoutingContext> {
  private final Set<Role> allowed;

  private RoleGate(Set<Role> allowed) {
    this.allowed = allowed;
  }

  public static RoleGate allow(Role first, Role... more) {
    return new RoleGate(EnumSet.of(first, more));
  }

  @Override
  public void handle(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    if (allowed.contains(viewer.role())) {
      ctx.next();
    } else {
      ctx.fail(ApiError.forbidden("role " + viewer.role().name().toLowerCase() + " may not use this route"));
    }
  }
}
