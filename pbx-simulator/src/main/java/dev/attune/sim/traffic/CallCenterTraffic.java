package dev.attune.sim.traffic;

import dev.attune.sim.PbxSimulator;
import dev.attune.sim.SimulatorOptions;
import dev.attune.sim.agi.AgiEnvironment;
import dev.attune.sim.agi.AgiKey;
import dev.attune.sim.agi.AsteriskAgiChannel;
import dev.attune.sim.agi.FastAgiCaller;
import dev.attune.sim.audio.AudioTapStreams;
import dev.attune.sim.ami.AmiMessage;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live generated traffic: the {@link CallCenterModel} on Vert.x timers with the wall clock as PBX time, Poisson
 * arrivals at the configured rate, and the actions a bridge may send (Originate, Hangup, QueuePause).
 */
public final class CallCenterTraffic {
  private static final Logger log = LoggerFactory.getLogger(CallCenterTraffic.class);
  /** res_agi's agi_threadid is the channel thread's pthread id: a large number, different per session. */
  private static final long FIRST_THREAD_ID = 140_215_235_061_440L;

  private final PbxSimulator pbx;
  private final SimulatorOptions options;
  private final Vertx vertx;
  private final Set<Long> timers = new HashSet<>();
  private final Random arrivals;
  private final AudioTapStreams taps;
  private final FastAgiCaller agi;
  private CallCenterModel model;
  private boolean running;
  private boolean arriving = true;
  private long agiSessions;
  private boolean agiUnreachableLogged;

  public CallCenterTraffic(PbxSimulator pbx, SimulatorOptions options) {
    this.pbx = pbx;
    this.options = options;
    this.vertx = pbx.vertx();
    this.arrivals = new Random(options.seed() ^ 0x5DEECE66DL);
    this.taps = new AudioTapStreams(vertx, pbx::emit);
    this.agi = options.survey().enabled() ? new FastAgiCaller(vertx) : null;
    this.model = newModel();
  }

  private CallCenterModel newModel() {
    Scheduler wall = new Scheduler() {
      @Override
      public double now() {
        return System.currentTimeMillis() / 1000.0;
      }

      @Override
      public void at(double time, Runnable work) {
        long delay = Math.max(1, Math.round((time - now()) * 1000));
        long[] id = new long[1];
        id[0] = vertx.setTimer(delay, t -> {
          timers.remove(id[0]);
          work.run();
        });
        timers.add(id[0]);
      }
    };
    java.util.function.Consumer<AmiMessage> emit = event -> {
      pbx.emit(event);
      taps.observe(event); // a spied party hanging up ends its audio tap
    };
    return new CallCenterModel(wall, emit, options.seed(), options.queues(), options.agents(), "",
        agi == null ? null : this::survey, options.wrapUpSeconds());
  }

  /** {@code AGI(agi://host:port/survey)} on the caller's channel, over real TCP to the configured FastAGI server. */
  private void survey(Leg caller, List<AgiKey> keys, boolean paced,
                      Consumer<Boolean> then) {
    CallCenterModel asked = model;
    SimulatorOptions.Survey to = options.survey();
    AgiEnvironment environment = new AgiEnvironment(to.request(), caller.name, "en", caller.uniqueid,
        caller.callerNum, caller.callerName, "100", caller.context, caller.exten, caller.priority,
        FIRST_THREAD_ID + 4096 * agiSessions++);
    pbx.model().runs(caller.uniqueid, "AGI", to.request());
    AsteriskAgiChannel channel = AsteriskAgiChannel.survey(caller.linkedid, caller.callerNum, pbx.systemName(), keys);
    agi.call(to.host(), to.port(), environment, channel, paced).onComplete(ar -> {
      if (ar.failed()) { // Asterisk goes on with AGISTATUS=FAILURE: the dialplan's Hangup() ends the call
        if (!agiUnreachableLogged) {
          agiUnreachableLogged = true;
          log.warn("survey: FastAGI server {}:{} not reachable ({}); callers are hung up without it", to.host(),
              to.port(), ar.cause().toString());
        }
      }
      if (running && model == asked) { // not after a stop or a simulated restart: that call is gone
        then.accept(ar.succeeded() && ar.result().hungUp());
      }
    });
  }

  public void start() {
    running = true;
    model.announceMembers();
    if (options.rate() > 0) {
      vertx.setTimer(500, t -> arrive()); // the first caller shortly after start, so a fresh demo shows a call
    }
  }

  private void arrive() {
    if (!running || !arriving) {
      return;
    }
    model.newCall();
    double meanGapMs = 60_000.0 / options.rate();
    long gap = Math.max(1, Math.round(-Math.log(1 - arrivals.nextDouble()) * meanGapMs));
    vertx.setTimer(gap, t -> arrive());
  }

  /** No new callers from now on; the calls in progress go on to their end (a test's known mix). */
  public void stopArrivals() {
    arriving = false;
  }

  public void stop() {
    running = false;
    if (agi != null) {
      agi.close();
    }
    taps.stopAll();
    timers.forEach(vertx::cancelTimer);
    timers.clear();
  }

  /** An Asterisk restart: every call in flight is gone, the member list is announced again. */
  public void restart() {
    taps.stopAll();
    timers.forEach(vertx::cancelTimer);
    timers.clear();
    model = newModel();
    model.announceMembers();
  }

  /** A test's call, placed now; returns its call id. */
  public String offer(ScriptedCall call) {
    return model.offer(call);
  }

  /** What the generator meant each finished call to be. */
  public List<IntendedCall> intended() {
    return model.intended();
  }

  /** AMI Originate: {@code Channel: PJSIP/agent101} + {@code Exten: <customer>} → an agent-first callback. */
  public AmiMessage originate(AmiMessage action) {
    String id = action.get("ActionID");
    String channel = String.valueOf(action.get("Channel"));
    String exten = action.get("Exten");
    if (channel.startsWith("AudioSocket/") && options.audio()) {
      return taps.originate(action);
    }
    if (channel.startsWith("AudioSocket/")) {
      // Audio off: the tap fails like Asterisk's with nobody listening (OriginateResponse Reason 8).
      spyResponse(action, "Failure", 8);
      return AmiMessage.response("Success", id).add("Message", "Originate successfully queued");
    }
    if ("ChanSpy".equalsIgnoreCase(String.valueOf(action.get("Application")))) {
      // A supervisor listening in from their phone: it answers at once here. The spy channel's own events
      // (Newchannel, ChanSpyStart, its Hangup) are not modelled; the bridge ignores that channel anyway.
      spyResponse(action, "Success", 4);
      return AmiMessage.response("Success", id).add("Message", "Originate successfully queued");
    }
    if (exten == null || exten.isBlank()) {
      return AmiMessage.response("Error", id).add("Message", "Exten not specified");
    }
    String uid = model.originateCallback(channel, exten, action.get("ChannelId"), id,
        variable(action, "ATTUNE_CALLERID"));
    if (uid == null) {
      return AmiMessage.response("Error", id).add("Message", "Originate failed");
    }
    return AmiMessage.response("Success", id).add("Message", "Originate successfully queued");
  }

  /** Asterisk's OriginateResponse to an Originate running ChanSpy, a moment later (Reason 4 answered, 8 congested). */
  private void spyResponse(AmiMessage action, String response, int reason) {
    vertx.setTimer(3, t -> pbx.emit(AmiMessage.event("OriginateResponse", "call,all")
        .add("Timestamp", String.format(java.util.Locale.ROOT, "%.6f", System.currentTimeMillis() / 1000.0))
        .add("ActionID", action.get("ActionID")).add("Response", response)
        .add("Channel", String.valueOf(action.get("Channel"))).add("Context", "").add("Exten", "")
        .add("Application", "ChanSpy").add("Data", String.valueOf(action.get("Data"))).add("Reason", reason)
        .add("Uniqueid", String.valueOf(action.get("ChannelId")))
        .add("CallerIDNum", "<unknown>").add("CallerIDName", "<unknown>")));
  }

  /** {@code Variable: NAME=value} headers (one per variable, or comma-separated in one, as Asterisk accepts both). */
  private static String variable(AmiMessage action, String name) {
    for (String header : action.all("Variable")) {
      for (String pair : header.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
          return pair.substring(eq + 1).trim();
        }
      }
    }
    return null;
  }

  public AmiMessage hangup(AmiMessage action) {
    return AmiMessage.response("Error", action.get("ActionID")).add("Message", "No such channel");
  }

  public AmiMessage pause(AmiMessage action) {
    boolean paused = !"false".equalsIgnoreCase(action.get("Paused")) && !"0".equals(action.get("Paused"));
    boolean ok = model.pause(String.valueOf(action.get("Interface")), paused,
        action.get("Reason") == null ? "" : action.get("Reason"));
    return ok ? AmiMessage.response("Success", action.get("ActionID")).add("Message",
        paused ? "Interface paused successfully" : "Interface unpaused successfully")
        : AmiMessage.response("Error", action.get("ActionID")).add("Message", "Interface not found");
  }
}
