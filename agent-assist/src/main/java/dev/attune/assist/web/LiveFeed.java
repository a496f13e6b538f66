package dev.attune.assist.web;

import dev.attune.core.bus.Addresses;
import dev.attune.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket {@code /ws}: pushes call events, guidance, promise changes and alerts to the browsers connected to this node, each
 * filtered by what its token's viewer may see (the Wazo model: authenticate at connect, filter every event).
 *
 * <p>Browsers cannot set headers on a WebSocket, so the token comes as {@code ?token=}; a bad one gets HTTP 401 before
 * the upgrade, and the socket closes when the token expires. Each clustered address has ONE consumer per node, fanning
 * out to local sockets: a published event reaches every node once, so every socket once. Clients never reach the
 * event bus; inbound frames are only ever parsed here ({@code ping}, and types other capabilities register).
 */
public final class LiveFeed {
  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
  private static final int WRITE_QUEUE_FRAMES = 1024;

  /** Handles one inbound frame type; {@code reply} writes a frame back to that socket only. */
  @FunctionalInterface
  public interface InboundHandler {
    void handle(Viewer viewer, JsonObject message, java.util.function.Consumer<JsonObject> reply);
  }

  private final Vertx vertx;
  private final AccessTokens tokens;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private final Map<String, InboundHandler> inbound = new ConcurrentHashMap<>();
  private final Counter dropped;
  private final Counter rejected;

  public LiveFeed(Vertx vertx, AccessTokens tokens, MeterRegistry registry) {
    this.vertx = vertx;
    this.tokens = tokens;
    Gauge.builder(MetricNames.WEB_SOCKETS, sessions, Set::size)
        .description("browser WebSockets connected to this node").register(registry);
    this.dropped = Counter.builder(MetricNames.WEB_FRAMES_DROPPED)
        .description("frames not sent because a browser could not keep up").register(registry);
    this.rejected = Counter.builder(MetricNames.WEB_INBOUND_REJECTED)
        .description("inbound WebSocket frames refused as malformed").register(registry);
    inbound.put("ping", (viewer, message, reply) -> reply.accept(new JsonObject().put("type", "pong")));
  }

  /** Adds an inbound frame type (e.g. transcript segments); unknown types are ignored. */
  public LiveFeed onInbound(String type, InboundHandler handler) {
    inbound.put(type, handler);
    return this;
  }

  /** Registers this node's consumers; completes when the cluster knows about them. */
  public Future<Void> start() {
    MessageConsumer<Object> calls = vertx.eventBus().consumer(Addresses.CALL_EVENTS, m -> onCallEvent(m.body()));
    MessageConsumer<Object> guidance = vertx.eventBus().consumer(Addresses.GUIDANCE, m -> onGuidance(m.body()));
    MessageConsumer<Object> alerts = vertx.eventBus().consumer(Addresses.ALERTS, m -> onAlert(m.body()));
    MessageConsumer<Object> promises = vertx.eventBus().consumer(Addresses.COMMITMENTS, m -> onCommitment(m.body()));
    return Future.all(calls.completion(), guidance.completion(), alerts.completion(), promises.completion())
        .mapEmpty();
  }

  public int connected() {
    return sessions.size();
  }

  /** {@code GET /ws?token=...}: verify, then upgrade. */
  public void upgrade(RoutingContext ctx) {
    if (!ctx.request().canUpgradeToWebSocket()) {
      ctx.fail(ApiError.badRequest("this route only accepts WebSocket upgrades"));
      return;
    }
    ctx.request().pause(); // hold the upgrade until the token is checked
    tokens.verify(ctx.queryParams().get("token")).onComplete(result -> {
      ctx.request().resume();
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      ctx.request().toWebSocket()
          .onSuccess(ws -> open(ws, result.result()))
          .onFailure(err -> log.info("websocket upgrade failed: {}", err.getMessage()));
    });
  }

  private void open(ServerWebSocket ws, AccessTokens.Authenticated auth) {
    Session session = new Session(ws, auth.viewer());
    ws.setWriteQueueMaxSize(WRITE_QUEUE_FRAMES);
    sessions.add(session);
    log.info("websocket open user={} role={} agent={} remote={}", auth.viewer().username(), auth.viewer().role(),
        auth.viewer().agent(), ws.remoteAddress());
    if (auth.expiresAt() != null) {
      long ms = Math.max(1, Duration.between(Instant.now(), auth.expiresAt()).toMillis());
      session.expiryTimer = vertx.setTimer(ms, id -> ws.close((short) 4001, "token expired"));
    }
    ws.textMessageHandler(text -> onInbound(session, text));
    ws.binaryMessageHandler(buffer -> { }); // nothing binary is expected; ignore
    ws.exceptionHandler(err -> log.debug("websocket error user={}: {}", session.viewer.username(), err.toString()));
    ws.closeHandler(v -> {
      sessions.remove(session);
      vertx.cancelTimer(session.expiryTimer);
      log.info("websocket closed user={}", session.viewer.username());
    });
    session.send(new JsonObject().put("type", "hello").put("username", auth.viewer().username())
        .put("role", auth.viewer().role().name().toLowerCase()).put("agent", auth.viewer().agent()));
  }

  private void onInbound(Session session, String text) {
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      rejected.increment();
      session.send(new JsonObject().put("type", "error").put("message", "frame is not a JSON object"));
      return;
    }
    Object type = message.getValue("type");
    InboundHandler handler = type instanceof String t ? inbound.get(t) : null;
    if (handler != null) {
      handler.handle(session.viewer, message, session::send);
    } // unknown types are ignored: newer pages may talk to older nodes
  }

  private void onCallEvent(Object body) {
    JsonObject message = decode(body, Addresses.CALL_EVENTS);
    if (message == null) {
      return;
    }
    JsonObject call = message.getJsonObject("call");
    String callId = call != null ? call.getString("id") : null;
    if (callId == null && message.getJsonObject("event") != null) {
      callId = message.getJsonObject("event").getString("callId");
    }
    String agent = call != null ? call.getString("agent") : null;
    boolean ended = message.getJsonObject("event") != null
        && "CallEnded".equals(message.getJsonObject("event").getString("type"));
    String frame = new JsonObject().put("type", "call").mergeIn(message).encode(); // once, not once per socket
    for (Session session : sessions) {
      if (session.viewer.maySee(agent)) {
        session.send(frame);
        if (callId != null) {
          if (ended) {
            session.shownCalls.remove(callId);
          } else {
            session.shownCalls.add(callId);
          }
        }
      } else if (callId != null && session.shownCalls.remove(callId)) {
        // The call moved to someone else (transfer): tell this screen to drop it, without saying where it went.
        session.send(new JsonObject().put("type", "callGone").put("id", callId));
      }
    }
  }

  private void onGuidance(Object body) {
    JsonObject item = decode(body, Addresses.GUIDANCE);
    if (item == null) {
      return;
    }
    String agent = item.getString("agent");
    boolean severe = "SEVERE".equalsIgnoreCase(item.getString("severity"));
    String frame = new JsonObject().put("type", "guidance").mergeIn(item).encode();
    for (Session session : sessions) {
      Viewer viewer = session.viewer;
      boolean forAgent = viewer.role() == Role.AGENT && agent != null && agent.equals(viewer.agent());
      boolean forSupervisor = severe && viewer.role() != Role.AGENT;
      if (forAgent || forSupervisor) {
        session.send(frame);
      }
    }
  }

  /** A promise changed (proposed, opened, reminded, overdue, kept...): its agent and the supervisors are told. */
  private void onCommitment(Object body) {
    JsonObject change = decode(body, Addresses.COMMITMENTS);
    JsonObject commitment = change == null ? null : change.getJsonObject("commitment");
    if (commitment == null) {
      return;
    }
    String agent = commitment.getString("agent");
    String frame = new JsonObject().put("type", "commitment").put("change", change.getString("type"))
        .put("callId", change.getString("callId")).put("commitment", commitment).encode();
    for (Session session : sessions) {
      if (session.viewer.maySee(agent)) {
        session.send(frame);
      }
    }
  }

  private void onAlert(Object body) {
    JsonObject alert = decode(body, Addresses.ALERTS);
    if (alert == null) {
      return;
    }
    JsonObject frame = new JsonObject().put("type", "alert").mergeIn(alert);
    frame.put("type", "alert"); // an alert's own "type" field must not change the frame type
    if (alert.containsKey("type")) {
      frame.put("alertType", alert.getValue("type"));
    }
    String text = frame.encode();
    for (Session session : sessions) {
      if (session.viewer.role() != Role.AGENT) {
        session.send(text);
      }
    }
  }

  private static JsonObject decode(Object body, String address) {
    try {
      return StoredJson.of(body);
    } catch (RuntimeException e) {
      log.warn("ignoring a malformed message on {}: {}", address, e.getMessage());
      return null;
    }
  }

  /** Closes every socket (node shutdown). */
  public Future<Void> close() {
    return Future.all(sessions.stream().map(s -> s.ws.close((short) 1001, "node stopping")).toList()).mapEmpty();
  }

  private final class Session {
    final ServerWebSocket ws;
    final Viewer viewer;
    /** Calls this screen has been shown; only touched on the verticle's event loop. */
    final Set<String> shownCalls = new LinkedHashSet<>();
    long expiryTimer = -1;

    Session(ServerWebSocket ws, Viewer viewer) {
      this.ws = ws;
      this.viewer = viewer;
    }

    void send(JsonObject frame) {
      send(frame.encode());
    }

    void send(String frame) {
      if (ws.isClosed()) {
        return;
      }
      if (ws.writeQueueFull()) { // a stalled browser must not grow this node's memory
        dropped.increment();
        return;
      }
      ws.writeTextMessage(frame);
    }
  }
}
