package dev.attune.sim;

import dev.attune.sim.ami.AmiMessage;
import dev.attune.sim.ami.AmiServer;
import dev.attune.sim.model.PbxModel;
import dev.attune.sim.traffic.CallCenterTraffic;
import dev.attune.sim.traffic.RecordedTrace;
import dev.attune.sim.traffic.ScriptedCall;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server that speaks AMI exactly as Asterisk 20 does, in front of either a replayed trace or
 * seeded call-center traffic, so any AMI client (ours, or a bare Asterisk-Java listener) can use it instead of Asterisk.
 * Every event it emits also updates its {@link PbxModel}, which answers the list actions a client resyncs with.
 */
public final class PbxSimulator implements AmiServer.Pbx {
  private static final Logger log = LoggerFactory.getLogger(PbxSimulator.class);

  private final Vertx vertx;
  private final Context context;
  private final SimulatorOptions options;
  private final PbxModel model = new PbxModel();
  private final AmiServer server;
  private final List<RecordedTrace> segments = new ArrayList<>();
  private CallCenterTraffic traffic;
  private long bootNanos = System.nanoTime();
  private int nextSegment;
  private boolean segmentPlaying;
  private double lastEventTime;
  private int port;
  private long emitted;
  private Promise<Void> replayDone = Promise.promise();
  /** Actions a client sent (not Login), as Asterisk's {@code manager set debug on} would show them. */
  private final List<AmiMessage> actions = new java.util.concurrent.CopyOnWriteArrayList<>();

  private PbxSimulator(Vertx vertx, SimulatorOptions options) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.options = options;
    this.server = new AmiServer(this, options.username(), options.secret());
  }

  /** Starts listening; the future completes once the port is bound. */
  public static Future<PbxSimulator> start(Vertx vertx, SimulatorOptions options) {
    PbxSimulator sim = new PbxSimulator(vertx, options);
    Promise<PbxSimulator> started = Promise.promise();
    sim.context.runOnContext(v -> sim.startOnContext().onComplete(ar -> {
      if (ar.succeeded()) {
        started.complete(sim);
      } else {
        started.fail(ar.cause());
      }
    }));
    return started.future();
  }

  private Future<Void> startOnContext() {
    try {
      for (Path p : options.replays()) {
        segments.add(RecordedTrace.load(p));
      }
    } catch (Exception e) {
      return Future.failedFuture(new IllegalArgumentException("cannot read trace: " + e.getMessage(), e));
    }
    return server.listen(options.host(), options.port()).map(p -> {
      port = p;
      if (segments.isEmpty()) {
        traffic = new CallCenterTraffic(this, options);
        traffic.start();
      }
      log.info("PBX simulator listening on {}:{} ({})", options.host(), p,
          segments.isEmpty() ? "generated traffic" : "replaying " + options.replays());
      return null;
    });
  }

  public int port() {
    return port;
  }

  /** Completes when every replayed segment has been sent. */
  public Future<Void> replayFinished() {
    return replayDone.future();
  }

  /** Events emitted so far (replayed or generated). */
  /** The actions received so far (other than Login and the list actions), oldest first. */
  /** The most AMI clients ever logged in at the same time. */
  public int mostClientsAtOnce() {
    return server.mostLoggedInAtOnce();
  }

  public List<AmiMessage> actionsReceived() {
    return List.copyOf(actions);
  }

  public long eventsEmitted() {
    return emitted;
  }

  public Future<Void> close() {
    if (traffic != null) {
      traffic.stop();
    }
    return server.close();
  }

  // ---- what the PBX does ----

  /** Emits one event: stamps it (unless replayed), updates the model, sends it to every client that wants it. */
  public void emit(AmiMessage event) {
    String ts = event.get("Timestamp");
    if (ts != null) {
      try {
        lastEventTime = Double.parseDouble(ts);
      } catch (NumberFormatException ignored) {
        // keep the clock as it was
      }
    }
    model.observe(event, now());
    emitted++;
    server.broadcast(event);
  }

  /**
   * Test hook: emits these events now, in order, through the PBX model (so later list actions reflect them), to
   * whoever is logged in; events emitted while no client is connected are lost, as with a real PBX.
   */
  public Future<Void> play(List<AmiMessage> events) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      events.forEach(this::emit);
      done.complete();
    });
    return done.future();
  }

  /** Test hook: no new generated callers from now on; the calls in progress end as generated (a known mix). */
  public void stopArrivals() {
    context.runOnContext(v -> {
      if (traffic != null) {
        traffic.stopArrivals();
      }
    });
  }

  /**
   * Test hook: places a scripted inbound call (generated traffic only) and completes with its call id
   * ({@code pbx:<linkedid>}, as the bridge names it).
   */
  public Future<String> offer(ScriptedCall call) {
    Promise<String> placed = Promise.promise();
    context.runOnContext(v -> {
      if (traffic == null) {
        placed.fail(new IllegalStateException("calls can be placed only with generated traffic, not in a replay"));
        return;
      }
      try {
        placed.complete(traffic.offer(call));
      } catch (IllegalArgumentException e) {
        placed.fail(e);
      }
    });
    return placed.future();
  }

  /** Test and bench hook: every generated call that has ended so far, as the generator meant it (a copy). */
  public Future<List<dev.attune.sim.traffic.IntendedCall>> finishedCalls() {
    Promise<List<dev.attune.sim.traffic.IntendedCall>> done = Promise.promise();
    context.runOnContext(v -> done.complete(traffic == null ? List.of() : List.copyOf(traffic.intended())));
    return done.future();
  }

  /** Test hook: cut every client connection abruptly (no Goodbye). Clients reconnect by themselves. */
  public void dropConnections() {
    context.runOnContext(v -> server.dropAll());
  }

  /** Test hook: an Asterisk restart. Every channel is gone, uptime starts again, clients are cut off. */
  public void restart() {
    context.runOnContext(v -> {
      model.clear();
      bootNanos = System.nanoTime();
      if (traffic != null) {
        traffic.restart();
      }
      server.dropAll();
    });
  }

  /** Test hook: raw bytes to every logged-in client (malformed frames, garbage, unknown events). */
  public void inject(Buffer bytes) {
    context.runOnContext(v -> server.broadcastRaw(bytes));
  }

  public PbxModel model() {
    return model;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public double now() {
    return segments.isEmpty() || lastEventTime == 0 ? System.currentTimeMillis() / 1000.0 : lastEventTime;
  }

  @Override
  public long uptimeSeconds() {
    return Math.max(1, (System.nanoTime() - bootNanos) / 1_000_000_000L);
  }

  @Override
  public String systemName() {
    return "";
  }

  @Override
  public List<AmiMessage> coreShowChannels(String actionId) {
    return model.coreShowChannels(actionId, now());
  }

  @Override
  public List<AmiMessage> queueStatus(String actionId, String queue) {
    return model.queueStatus(actionId, queue, now());
  }

  @Override
  public List<AmiMessage> queueSummary(String actionId) {
    return model.queueSummary(actionId, now());
  }

  @Override
  public List<AmiMessage> bridgeList(String actionId) {
    return model.bridgeList(actionId);
  }

  @Override
  public AmiMessage action(AmiMessage action) {
    actions.add(action);
    String id = action.get("ActionID");
    String name = action.get("Action").toLowerCase(Locale.ROOT);
    return switch (name) {
      case "originate" -> traffic == null
          ? AmiMessage.response("Error", id).add("Message", "Originate is not available while replaying a trace")
          : traffic.originate(action);
      case "hangup" -> traffic == null
          ? AmiMessage.response("Error", id).add("Message", "No such channel")
          : traffic.hangup(action);
      case "queuepause" -> traffic == null
          ? AmiMessage.response("Success", id).add("Message", "Interface paused successfully")
          : traffic.pause(action);
      case "status" -> AmiMessage.response("Success", id).add("EventList", "start")
          .add("Message", "Channel status will follow");
      default -> null;
    };
  }

  /** A client logged in: a replay plays its next segment to it (the first, or the one after a link drop). */
  @Override
  public void clientLoggedIn() {
    if (segmentPlaying || nextSegment >= segments.size()) {
      return;
    }
    segmentPlaying = true;
    RecordedTrace segment = segments.get(nextSegment++);
    // let the client finish its login exchange (CoreSettings...) before the first event
    vertx.setTimer(300, t -> play(segment, 0));
  }

  private void play(RecordedTrace segment, int index) {
    List<RecordedTrace.Timed> events = segment.events();
    int i = index;
    while (i < events.size()) {
      emit(events.get(i).event());
      i++;
      if (options.realTime() && i < events.size()) {
        double gap = events.get(i).at() - events.get(i - 1).at();
        if (options.maxGapSeconds() > 0) {
          gap = Math.min(gap, options.maxGapSeconds());
        }
        if (gap > 0.001) {
          int next = i;
          vertx.setTimer(Math.max(1, Math.round(gap * 1000)), t -> play(segment, next));
          return;
        }
      }
    }
    segmentPlaying = false;
    if (nextSegment < segments.size()) {
      log.info("replay: end of {}; cutting the link as the recording did", segment.file().getFileName());
      vertx.setTimer(100, t -> server.dropAll());
    } else {
      log.info("replay finished: {} events", emitted);
      replayDone.tryComplete();
    }
  }
}
