package dev.attune.assist.web;

import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.AgentStatus;
import dev.attune.core.bus.Alert;
import dev.attune.core.bus.AlertAcknowledged;
import dev.attune.core.bus.Bus;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.bus.CommitmentChange;
import dev.attune.core.bus.ComplaintChange;
import dev.attune.core.bus.Delivery;
import dev.attune.core.bus.GuidanceItem;
import dev.attune.core.bus.HeardSegment;
import dev.attune.core.bus.Json;
import dev.attune.core.bus.SpeechFeatures;
import dev.attune.core.bus.TranscriptSegment;
import dev.attune.core.calls.CallEnded;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket {@code /ws}: pushes call events, guidance, promise and complaint changes and alerts to the browsers connected to this node, each
 * filtered by what its token's viewer may see (the Wazo model: authenticate at connect, filter every event).
 *
 * <p>Browsers cannot set headers on a WebSocket, so the token comes as {@code ?token=}; a bad one gets HTTP 401 before
 * the upgrade, and the socket closes when the token expires. Each address has one listener per node ({@link Bus}),
 * fanning out to local sockets: a published event reaches every node once, so every socket once; the delivery headers
 * choose the sockets, and the message is decoded and encoded once, only when some socket here may read it. Clients never reach the
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
  /** The agent on each live call, from the call events' headers: whose screen gets the call's words and voices. */
  private final Map<String, String> agentOnCall = new ConcurrentHashMap<>();
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
    MessageConsumer<Delivery> calls = Bus.route(vertx, Addresses.CALL_EVENTS, this::onCallEvent);
    MessageConsumer<Delivery> guidance = Bus.route(vertx, Addresses.GUIDANCE,
        d -> toReaders(d, LiveFeed::guidanceFrame));
    MessageConsumer<Delivery> alerts = Bus.route(vertx, Addresses.ALERTS, d -> toReaders(d, LiveFeed::alertFrame));
    MessageConsumer<Delivery> promises = Bus.route(vertx, Addresses.COMMITMENTS,
        d -> toReaders(d, LiveFeed::commitmentFrame));
    MessageConsumer<Delivery> complaints = Bus.route(vertx, Addresses.COMPLAINTS,
        d -> toReaders(d, LiveFeed::complaintFrame));
    MessageConsumer<Delivery> agentStatus = Bus.route(vertx, Addresses.AGENT_STATUS,
        d -> toReaders(d, d2 -> Json.frame("agentStatus", d2.body(AgentStatus.class))));
    MessageConsumer<Delivery> acks = Bus.route(vertx, Addresses.ALERT_ACKS,
        d -> toReaders(d, LiveFeed::alertAckFrame));
    MessageConsumer<Delivery> heard = Bus.route(vertx, Addresses.TRANSCRIPTS,
        d -> toTheAgentOnTheCall(d, LiveFeed::heardFrame));
    MessageConsumer<Delivery> speech = Bus.route(vertx, Addresses.SPEECH_FEATURES,
        d -> toTheAgentOnTheCall(d, LiveFeed::speechFrame));
    return Future.all(List.of(calls.completion(), guidance.completion(), alerts.completion(), promises.completion(),
        complaints.completion(), acks.completion(), agentStatus.completion(), heard.completion(),
        speech.completion())).mapEmpty();
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

  private void onCallEvent(Delivery delivery) {
    String callId = delivery.callId();
    if (callId != null) {
      if (delivery.endsCall()) {
        agentOnCall.remove(callId);
      } else if (delivery.agent() != null) {
        agentOnCall.put(callId, delivery.agent());
      }
    }
    String frame = null; // built once, for the first screen that may see it
    boolean ended = false;
    for (Session session : sessions) {
      if (mayRead(session.viewer, delivery)) {
        if (frame == null) {
          CallEventMessage message = delivery.body(CallEventMessage.class);
          ended = message.event() instanceof CallEnded;
          frame = Json.frame("call", message);
        }
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

  /**
   * What is said on a call and how the voices sound (about one frame per party and second): to the screen of the
   * agent on it now, never to supervisors, who would get every call's.
   */
  private void toTheAgentOnTheCall(Delivery delivery, Function<Delivery, String> frameOf) {
    // the call's agent now (after a transfer too), else the one the message names (a call begun before this node)
    String agent = delivery.callId() == null ? null : agentOnCall.getOrDefault(delivery.callId(), delivery.agent());
    if (agent == null) {
      return;
    }
    String frame = null;
    for (Session session : sessions) {
      if (session.viewer.role() == Role.AGENT && agent.equals(session.viewer.agent())) {
        frame = frame == null ? frameOf.apply(delivery) : frame;
        session.send(frame);
      }
    }
  }

  private static String heardFrame(Delivery delivery) {
    TranscriptSegment segment = delivery.body(HeardSegment.class).segment();
    return new JsonObject().put("type", "heard").put("callId", segment.callId())
        .put("party", segment.party() == null ? null : segment.party().name()).put("text", segment.text())
        .put("final", segment.isFinal()).put("lang", segment.lang()).encode();
  }

  private static String speechFrame(Delivery delivery) {
    return Json.frame("speech", delivery.body(SpeechFeatures.class));
  }

  /** Guidance, promise changes and alerts: to every screen whose viewer may read them, encoded once. */
  private void toReaders(Delivery delivery, Function<Delivery, String> frameOf) {
    String frame = null;
    for (Session session : sessions) {
      if (mayRead(session.viewer, delivery)) {
        frame = frame == null ? frameOf.apply(delivery) : frame;
        session.send(frame);
      }
    }
  }

  private static String guidanceFrame(Delivery delivery) {
    return Json.frame("guidance", delivery.body(GuidanceItem.class));
  }

  private static String commitmentFrame(Delivery delivery) {
    CommitmentChange change = delivery.body(CommitmentChange.class);
    return new JsonObject().put("type", "commitment").put("change", change.change()).put("callId", change.callId())
        .put("commitment", new JsonObject(Json.write(change.commitment()))).encode();
  }

  private static String complaintFrame(Delivery delivery) {
    ComplaintChange change = delivery.body(ComplaintChange.class);
    return new JsonObject().put("type", "complaint").put("change", change.change())
        .put("complaint", new JsonObject(Json.write(change.complaint()))).encode();
  }

  private static String alertAckFrame(Delivery delivery) {
    AlertAcknowledged ack = delivery.body(AlertAcknowledged.class);
    return new JsonObject().put("type", "alertAck").put("id", ack.id()).put("by", ack.by())
        .put("at", ack.at().toString()).encode();
  }

  private static String alertFrame(Delivery delivery) {
    Alert alert = delivery.body(Alert.class);
    JsonObject frame = new JsonObject(Json.write(alert));
    frame.remove("kind");
    return new JsonObject().put("type", "alert").put("alertType", alert.kind()).mergeIn(frame).encode();
  }

  /** The audience rule of {@link dev.attune.core.bus.BusMessage.Audience}, read from the delivery headers. */
  private static boolean mayRead(Viewer viewer, Delivery delivery) {
    return switch (delivery.audience()) {
      case AGENT -> viewer.role() == Role.AGENT && delivery.agent() != null && delivery.agent().equals(viewer.agent());
      case AGENT_AND_SUPERVISORS -> viewer.maySee(delivery.agent());
      case SUPERVISORS -> viewer.role() != Role.AGENT;
    };
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
