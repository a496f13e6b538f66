package dev.attune.assist.floor;

import com.hazelcast.map.IMap;
import dev.attune.assist.web.ApiError;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.BlockingJson;
import dev.attune.assist.web.JsonBody;
import dev.attune.assist.web.KeptRecords;
import dev.attune.assist.web.PbxAsk;
import dev.attune.assist.web.Role;
import dev.attune.assist.web.RoleGate;
import dev.attune.assist.web.SinceParam;
import dev.attune.assist.web.Viewer;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Json;
import dev.attune.core.bus.SpyRequest;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.store.JsonRows;
import dev.attune.core.supervision.SupervisionUse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A supervisor listening in, whispering to the agent or barging into a live call, from their own phone:
 * <ul>
 *   <li>{@code POST /calls/:id/listen} {@code {"mode": "listen"|"whisper"|"barge"}} (supervisors only): the PBX rings
 *       the supervisor's phone (the {@code agent:} of their account) and joins it to the agent's channel; on the
 *       keypad 4, 5 and 6 switch between the modes, hanging up ends it. 200 {@code {requested, queued, mode, device,
 *       pbx}} once the PBX answered; 400 without a phone on the account, 404 for a call not live, 409 while no agent
 *       is on it, 503 when no node holds the PBX link. Every use is kept, whatever the PBX said.</li>
 *   <li>{@code GET /supervision?since=} (admins): who listened to whom, how and when, newest first.</li>
 * </ul>
 */
public final class SupervisionRoutes implements ApiRoutes {
  private static final Logger log = LoggerFactory.getLogger(SupervisionRoutes.class);
  private static final Duration DEFAULT_PERIOD = Duration.ofDays(7);

  private final IMap<String, LiveCall> live;
  private final IMap<String, SupervisionUse> uses;
  private final KeptRecords<SupervisionUse> kept;
  private final Clock clock;

  /** {@code rows} may be null (no database): uses are then listed from the cluster map. */
  public SupervisionRoutes(IMap<String, LiveCall> live, IMap<String, SupervisionUse> uses,
                           JsonRows<SupervisionUse> rows, Clock clock) {
    this.live = live;
    this.uses = uses;
    this.kept = new KeptRecords<>(rows, uses, SupervisionUse::at);
    this.clock = clock;
  }

  @Override
  public void mount(Router api) {
    api.post("/calls/:id/listen").handler(RoleGate.allow(Role.SUPERVISOR)).handler(this::listen);
    api.get("/supervision").handler(RoleGate.allow(Role.ADMIN)).handler(this::list);
  }

  private void listen(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    String callId = ctx.pathParam("id");
    SpyRequest.Mode mode = mode(JsonBody.of(ctx, "{\"mode\": \"listen\" | \"whisper\" | \"barge\"}").getValue("mode"));
    if (viewer.agent() == null || viewer.agent().isBlank()) {
      throw ApiError.badRequest("no phone is set for you to listen from: add agent: PJSIP/<your phone> to your"
          + " account in the users file (auth.usersFile)");
    }
    BlockingJson.respond(ctx, () -> {
      LiveCall call = live.get(callId);
      if (call == null) {
        throw ApiError.notFound("no live call " + callId);
      }
      if (call.agent() == null) {
        throw ApiError.conflict("nobody is talking on call " + callId + " yet");
      }
      return new Target(new SpyRequest(callId, viewer.username(), viewer.agent(), mode), call.agent());
    }, target -> PbxAsk.of(ctx.vertx(), Addresses.PBX_SPY, target.request())
        .onComplete(done -> keep(ctx, target, done.succeeded() && done.result().queued(),
            done.succeeded() ? done.result().pbxMessage() : done.cause().getMessage()))
        .map(reply -> new JsonObject().put("requested", true).put("queued", reply.queued())
            .put("mode", mode.name().toLowerCase(Locale.ROOT)).put("device", target.request().supervisorDevice())
            .put("pbx", reply.pbxMessage()).encode()));
  }

  /** Whom a request is about: the agent on the call when it was asked. */
  private record Target(SpyRequest request, String agent) {}

  /** The audit of one use, kept whatever came of it. */
  private void keep(RoutingContext ctx, Target target, boolean queued, String pbx) {
    SpyRequest request = target.request();
    SupervisionUse use = new SupervisionUse(UUID.randomUUID().toString(), request.supervisor(),
        request.supervisorDevice(), request.callId(), target.agent(), request.mode(), clock.instant(), queued, pbx);
    ctx.vertx().executeBlocking(() -> uses.put(use.id(), use), false)
        .onFailure(e -> log.warn("supervision use of {} on call {} not kept: {}", use.supervisor(), use.callId(),
            e.toString()));
    log.info("supervisor {} {} call={} agent={} from {}: queued={}", use.supervisor(),
        use.mode().name().toLowerCase(Locale.ROOT), use.callId(), use.agent(), use.device(), queued);
  }

  private void list(RoutingContext ctx) {
    Instant from = SinceParam.of(ctx, clock, DEFAULT_PERIOD);
    BlockingJson.respond(ctx, () -> Json.write(kept.since(from).stream()
        .sorted(Comparator.comparing(SupervisionUse::at).reversed()).toList()));
  }

  private static SpyRequest.Mode mode(Object value) {
    if (value == null) {
      return SpyRequest.Mode.LISTEN;
    }
    try {
      return SpyRequest.Mode.valueOf(String.valueOf(value).strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("mode must be listen, whisper or barge");
    }
  }
}
