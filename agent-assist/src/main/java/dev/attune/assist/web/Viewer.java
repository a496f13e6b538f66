package dev.attune.assist.web;

import io.vertx.ext.web.RoutingContext;

/**
 * The authenticated user behind a request or WebSocket, as the JWT says.
 *
 * @param agent the agent's device interface on the PBX (e.g. {@code SIP/agent1}); empty for non-agents
 */
public record Viewer(String username, Role role, String agent) {
  /** Key under which the auth handler stores the viewer in the routing context. */
  public static final String CONTEXT_KEY = "attune.viewer";

  public static Viewer of(RoutingContext ctx) {
    Viewer viewer = ctx.get(CONTEXT_KEY);
    if (viewer == null) {
      throw new IllegalStateException("route is not behind the /api auth handler");
    }
    return viewer;
  }

  /** Supervisors and admins see every call; an agent only the calls they are on. */
  public boolean maySee(String callAgent) {
    return role != Role.AGENT || (callAgent != null && callAgent.equals(agent));
  }
}
