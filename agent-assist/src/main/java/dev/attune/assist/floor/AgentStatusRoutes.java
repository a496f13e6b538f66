package dev.attune.assist.floor;

import com.hazelcast.map.IMap;
import dev.attune.assist.web.ApiError;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.BlockingJson;
import dev.attune.assist.web.JsonBody;
import dev.attune.assist.web.PbxAsk;
import dev.attune.assist.web.Role;
import dev.attune.assist.web.Viewer;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.AgentStatus;
import dev.attune.core.bus.Json;
import dev.attune.core.bus.PauseRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Agents' standing in the queues (logged in, paused and why, since when), as the PBX reports it:
 * <ul>
 *   <li>{@code GET /agents/status}: {@code {pauseReasons, agents:[{agent, loggedIn, paused, pauseReason, since}]}};
 *       an agent gets their own only.</li>
 *   <li>{@code POST /agents/pause} {@code {reason, agent?}} and {@code POST /agents/resume} {@code {agent?}}: AMI
 *       {@code QueuePause} in every queue; an agent pauses and resumes themselves, a supervisor or admin anyone
 *       ({@code agent}). 200 {@code {requested, done, pbx}} once the PBX answered; the new standing follows as
 *       {@code {"type":"agentStatus",...}} on the WebSocket.</li>
 * </ul>
 */
public final class AgentStatusRoutes implements ApiRoutes {

  private final IMap<String, AgentStatus> statuses;
  private final List<String> reasons;

  public AgentStatusRoutes(IMap<String, AgentStatus> statuses, List<String> reasons) {
    this.statuses = statuses;
    this.reasons = List.copyOf(reasons);
  }

  @Override
  public void mount(Router api) {
    api.get("/agents/status").handler(this::list);
    api.post("/agents/pause").handler(ctx -> ask(ctx, true));
    api.post("/agents/resume").handler(ctx -> ask(ctx, false));
  }

  private void list(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    BlockingJson.respond(ctx, () -> {
      List<AgentStatus> all = viewer.role() == Role.AGENT
          ? (statuses.get(viewer.agent()) == null ? List.of() : List.of(statuses.get(viewer.agent())))
          : List.copyOf(statuses.values());
      return new JsonObject().put("pauseReasons", new JsonArray(reasons))
          .put("agents", new JsonArray(Json.write(all))).encode();
    });
  }

  private void ask(RoutingContext ctx, boolean pause) {
    Viewer viewer = Viewer.of(ctx);
    JsonObject body = JsonBody.of(ctx, pause ? "{\"reason\": \"lunch\", \"agent\"?}" : "{\"agent\"?}");
    String named = body.getValue("agent") instanceof String s && !s.isBlank() ? s.strip() : null;
    String agent = named != null ? named : viewer.agent();
    if (viewer.role() == Role.AGENT && named != null && !named.equals(viewer.agent())) {
      throw ApiError.forbidden("agents pause and resume themselves only");
    }
    if (agent == null || agent.isBlank()) {
      throw ApiError.badRequest("say which agent: {\"agent\": \"PJSIP/1001\"}");
    }
    String reason = null;
    if (pause) {
      reason = body.getValue("reason") instanceof String s ? s.strip() : "";
      if (!reasons.contains(reason)) {
        throw ApiError.badRequest("reason must be one of " + String.join(", ", reasons));
      }
    }
    PauseRequest request = new PauseRequest(agent, pause, reason);
    BlockingJson.reply(ctx, PbxAsk.of(ctx.vertx(), Addresses.PBX_PAUSE, request)
        .map(reply -> new JsonObject().put("requested", true).put("done", reply.queued())
            .put("pbx", reply.pbxMessage()).encode()));
  }
}
