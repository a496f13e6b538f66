package dev.attune.assist.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/agents} (supervisors and admins): the agent accounts and their PBX interfaces, so the wallboard
 * lists every agent, also those with no call yet. Never includes password hashes.
 */
public final class AgentRosterRoutes implements ApiRoutes {
  private final UserDirectory users;

  public AgentRosterRoutes(UserDirectory users) {
    this.users = users;
  }

  @Override
  public void mount(Router api) {
    api.get("/agents").handler(RoleGate.allow(Role.SUPERVISOR, Role.ADMIN)).handler(this::agents);
  }

  private void agents(RoutingContext ctx) {
    JsonArray agents = new JsonArray();
    users.accounts().stream().filter(a -> a.role() == Role.AGENT)
        .forEach(a -> agents.add(new JsonObject().put("username", a.username()).put("agent", a.agent())));
    ctx.json(agents);
  }
}
