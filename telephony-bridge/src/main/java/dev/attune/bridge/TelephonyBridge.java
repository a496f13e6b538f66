package dev.attune.bridge;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.bridge.ami.AmiLink;
import dev.attune.bridge.calls.CallMetrics;
import dev.attune.bridge.calls.CallStore;
import dev.attune.bridge.calls.CallTracker;
import dev.attune.bridge.taps.AudioTaps;
import dev.attune.bridge.callback.CallbackDialer;
import dev.attune.bridge.agents.AgentPauser;
import dev.attune.bridge.agents.AgentStates;
import dev.attune.bridge.spy.CallSpy;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Bus;
import dev.attune.core.bus.CallbackRequest;
import dev.attune.core.bus.AgentStatus;
import dev.attune.core.bus.Alert;
import dev.attune.core.bus.PauseRequest;
import dev.attune.core.bus.SpyRequest;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.cluster.OwnedJob;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.store.MapNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.CoreShowChannelsCompleteEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PBX control plane of one node. Exactly one member of the cluster holds the AMI link for a PBX: the link is the
 * {@link OwnedJob} of the PBX's lock, opened only while this member holds it (Hazelcast releases it when its member
 * dies) and closed when the member stops; the others wait to take over. The owner feeds AMI events to the
 * {@link CallTracker}, writes live calls to {@code calls.live}, finished calls to {@code calls.history} and
 * {@code customers}, records the service-speed metrics, and publishes every {@link CallEventMessage}.
 */
public final class TelephonyBridge extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(TelephonyBridge.class);
  /** How long a call whose channels have all hung up waits for stragglers (AgentComplete, BridgeLeave) in PBX time. */
  private static final Duration END_GRACE = Duration.ofMillis(800);
  /** Dialplan context that dials the customer once the agent's phone answers an originated callback. */

  private final AttuneConfig config;
  private final HazelcastInstance hazelcast;
  private final MeterRegistry registry;
  private final AtomicInteger amiUp = new AtomicInteger();
  /** Record writes under way (record, then drop the live entry), so a stop can wait for them. */
  private CallTracker tracker;
  private AudioTaps audioTaps;
  private AgentStates agents;
  private CallMetrics metrics;
  private volatile AmiLink link;
  private CallStore store;
  private Counter eventsCounter;
  private Instant lastPbxTime;
  private long lastEventWallNanos;
  private Double lastUptime;
  private volatile boolean owner;
  private boolean stopping;
  private boolean everConnected;
  private OwnedJob ownership;
  private long sweepTimer = -1;
  /** The PBX requests (callbacks, listen-in, pauses) only the owner takes, so that another member can take them. */
  private final List<MessageConsumer<Object>> pbxServices = new ArrayList<>();
  private final String lockKey;
  /** A blip the link survives is no alert; a PBX out of reach this long is. */
  private static final Duration LINK_DOWN_ALERT_AFTER = Duration.ofSeconds(30);
  private final Duration linkDownAlertAfter;
  private long linkDownTimer = -1;
  /** How often the live-call snapshot the gauges read is refreshed (Prometheus scrapes every 15 s or so). */
  private static final long SNAPSHOT_EVERY_MS = 500;
  private volatile List<LiveCall> liveSnapshot = List.of();
  private boolean snapshotStale;
  private long snapshotTimer = -1;

  public TelephonyBridge(AttuneConfig config, HazelcastInstance hazelcast, MeterRegistry registry) {
    this(config, hazelcast, registry, LINK_DOWN_ALERT_AFTER);
  }

  /** {@code linkDownAlertAfter}: how long the AMI link may be down before supervisors are alerted (tests: shorter). */
  TelephonyBridge(AttuneConfig config, HazelcastInstance hazelcast, MeterRegistry registry,
                  Duration linkDownAlertAfter) {
    this.linkDownAlertAfter = linkDownAlertAfter;
    this.config = config;
    this.hazelcast = hazelcast;
    this.registry = registry;
    this.lockKey = "ami:" + config.ami().host() + ":" + config.ami().port();
  }

  @Override
  public Future<?> start() {
    Future<Void> typed = Bus.requireStarted(vertx, "the telephony bridge");
    if (typed.failed()) {
      return typed;
    }
    store = new CallStore(hazelcast, config.customers().keys());
    tracker = new CallTracker(config.ami().systemName(), this::onCallEvent);
    audioTaps = new AudioTaps(config.audiosocket(), hazelcast.getMap(MapNames.AUDIO_TAPS), a -> link.send(a));
    IMap<String, AgentStatus> agentStatus = hazelcast.getMap(MapNames.AGENT_STATUS);
    agents = new AgentStates(status -> { // kept for screens that open later, pushed to those open now
      agentStatus.setAsync(status.agent(), status);
      Bus.publish(vertx, Addresses.AGENT_STATUS, status);
    }, config.agents()::wrapUpSeconds);
    // gauges are read on the scrape thread: they see a snapshot the bridge's own thread refreshes, never the tracker
    metrics = new CallMetrics(registry, config.metrics().serviceLevelSeconds(), () -> liveSnapshot);
    snapshotTimer = vertx.setPeriodic(SNAPSHOT_EVERY_MS, t -> refreshSnapshot());
    eventsCounter = Counter.builder(MetricNames.AMI_EVENTS).description("AMI events received").register(registry);
    Gauge.builder(MetricNames.AMI_CONNECTED, amiUp, AtomicInteger::get)
        .description("1 while this node holds a logged-in AMI link").register(registry);
    ownership = new OwnedJob(hazelcast, lockKey, () -> {
      context.runOnContext(v -> becomeOwner());
      return () -> context.runOnContext(v -> handOver()); // the lock goes (a stop, a split): so does the link
    });
    return Future.succeededFuture(); // the unreachable PBX never fails start-up: the AMI link keeps trying
  }

  /**
   * The {@code ami} section of {@code /health}: whether this node holds the link and, when it is down, why (a refused
   * login, an unreachable PBX). Informational: a node without the link still serves screens.
   */
  public io.vertx.core.json.JsonObject health() {
    io.vertx.core.json.JsonObject ami = new io.vertx.core.json.JsonObject()
        .put("pbx", config.ami().host() + ":" + config.ami().port());
    AmiLink current = link;
    if (!owner || current == null) {
      return ami.put("connected", false).put("detail", "another member holds the AMI link, or none does yet");
    }
    String problem = current.problem();
    return problem == null ? ami.put("connected", amiUp.get() == 1)
        : ami.put("connected", false).put("detail", problem);
  }

  /** Runs on the bridge's context, the tracker's only thread. */
  private void refreshSnapshot() {
    if (snapshotStale) {
      snapshotStale = false;
      liveSnapshot = List.copyOf(tracker.liveCalls());
    }
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(snapshotTimer);
    vertx.cancelTimer(sweepTimer);
    Future<Void> closed = closeLink().eventually(this::recordHungUpCalls);
    return closed.eventually(() -> vertx.executeBlocking(() -> {
      ownership.close(); // only now may another member take the link over
      return null;
    }));
  }

  /**
   * This member no longer holds the lock (it stops, or it is on the minority side of a split): it closes the link,
   * stops ending calls and taking PBX requests, and forgets the calls it tracked. The next owner tracks them from
   * the cluster and the PBX; should this member own the link again, it starts from those too, not from its memory.
   */
  private void handOver() {
    if (!owner) {
      return;
    }
    owner = false;
    amiUp.set(0);
    vertx.cancelTimer(sweepTimer);
    sweepTimer = -1;
    vertx.cancelTimer(linkDownTimer);
    linkDownTimer = -1;
    pbxServices.forEach(MessageConsumer::unregister);
    pbxServices.clear();
    closeLink();
    tracker = new CallTracker(config.ami().systemName(), this::onCallEvent);
    everConnected = false;
    log.info("this node no longer owns the AMI link {}", lockKey);
  }

  private Future<Void> closeLink() {
    return link == null ? Future.succeededFuture() : link.close();
  }

  /**
   * Leaving in order (shutdown, rolling restart): a call whose channels have all hung up, still in its grace for
   * stragglers, is recorded now and its write awaited before the lock goes. Left alone, the next owner would find it
   * live, see that the PBX no longer has it, and record it as ENDED_DURING_OUTAGE instead of how it really ended.
   */
  private Future<Void> recordHungUpCalls() {
    if (!owner || tracker == null) {
      return Future.succeededFuture();
    }
    int closed = tracker.closeQuietCalls(pbxNow(), Duration.ZERO);
    if (closed > 0) {
      log.info("stopping: {} calls that had hung up recorded before handing over the AMI link", closed);
    }
    return store.flush(Duration.ofSeconds(5));
  }

  /** Takes over what the cluster knows (calls still live, records already written), then opens the AMI link. */
  private void becomeOwner() {
    if (stopping) {
      return;
    }
    owner = true;
    log.info("this node owns the AMI link {}", lockKey);
    vertx.executeBlocking(store::inherit, false).onSuccess(inherited -> {
      if (stopping) {
        return;
      }
      tracker.alreadyRecorded(inherited.recorded());
      tracker.seed(inherited.live());
      link = new AmiLink(vertx, context, config.ami(), registry);
      // Asterisk-Java fires a ConnectEvent after the first login and after every reconnect: that starts each resync.
      link.open(this::onAmiEvent).onSuccess(v -> amiUp.set(1));
      sweepTimer = vertx.setPeriodic(250, t -> tracker.closeQuietCalls(pbxNow(), END_GRACE));
      // Only the owner holds the AMI link, so only it takes PBX action requests (point-to-point on the cluster bus).
      CallbackDialer callbacks = new CallbackDialer(action -> link.send(action), config.callback().callerId());
      pbxServices.add(Bus.serve(vertx, Addresses.PBX_ACTIONS, CallbackRequest.class, callbacks::dial));
      CallSpy spy = new CallSpy(action -> link.send(action), callId -> {
        CallTracker.Legs legs = tracker.legsOf(callId);
        return legs == null ? null : legs.agentUniqueid();
      });
      pbxServices.add(Bus.serve(vertx, Addresses.PBX_SPY, SpyRequest.class, spy::join));
      pbxServices.add(Bus.serve(vertx, Addresses.PBX_PAUSE, PauseRequest.class,
          new AgentPauser(action -> link.send(action))::pause));
    });
  }

  private void onAmiEvent(ManagerEvent event) {
    if (!owner) { // still queued from a link closed on handing over
      return;
    }
    eventsCounter.increment();
    if (event instanceof ConnectEvent) {
      amiUp.set(1);
      vertx.cancelTimer(linkDownTimer);
      linkDownTimer = -1;
      resync(everConnected ? "reconnect" : "login");
      everConnected = true;
      return;
    }
    if (event instanceof DisconnectEvent) {
      amiUp.set(0);
      alertIfStillDown();
      log.warn("AMI link lost; Asterisk-Java reconnects, calls are resynced when it is back");
      return;
    }
    if (event instanceof FullyBootedEvent booted) {
      noteUptime(booted);
    }
    if (event instanceof org.asteriskjava.manager.event.OriginateResponseEvent response) {
      audioTaps.onOriginateResponse(response);
    }
    if (event.getTimestamp() != null) {
      lastPbxTime = Instant.ofEpochMilli(Math.round(event.getTimestamp() * 1000));
      lastEventWallNanos = System.nanoTime();
    }
    agents.accept(event, pbxNow());
    if (heldDuringResync != null && heldDuringResync.size() < MAX_HELD_EVENTS) {
      heldDuringResync.add(event);
      return;
    }
    tracker.accept(event);
  }

  /** Events that arrived while the channel list was being read, in arrival order; null when no list is under way. */
  private List<ManagerEvent> heldDuringResync;
  /** A list that never completes must not hold events forever: past this many, they are applied as they come. */
  private static final int MAX_HELD_EVENTS = 100_000;

  /** Applies the held events in order and stops holding. */
  private void releaseHeldEvents() {
    List<ManagerEvent> held = heldDuringResync;
    heldDuringResync = null;
    if (held != null) {
      held.forEach(tracker::accept);
    }
  }

  /** An uptime smaller than before means Asterisk restarted: every call we knew is gone. */
  private void noteUptime(FullyBootedEvent booted) {
    Double uptime = booted.getUptime() == null ? null : booted.getUptime().doubleValue();
    if (uptime != null && lastUptime != null && uptime < lastUptime) {
      log.warn("Asterisk restarted (uptime {} s, was {} s): open calls end as ENDED_DURING_OUTAGE", uptime, lastUptime);
    }
    lastUptime = uptime;
  }

  /**
   * AMI has no replay: rebuild from what the PBX has now, and end what it no longer has. A list cut short by the link
   * dropping again is not the PBX's state, so nothing is ended from it; the next ConnectEvent resyncs again.
   */
  private void resync(String why) {
    releaseHeldEvents(); // a resync cut short by another reconnect: what it held still happened
    // Events keep flowing while the list is read, and Asterisk-Java hands us the list only when it is complete: a
    // channel that hangs up meanwhile would have its Hangup applied before we know the channel, then be adopted as
    // live forever. So events are held from the request, applied after the listed channels are adopted, and only
    // channels known before them can be ended for missing from the list.
    heldDuringResync = new ArrayList<>();
    link.list(new CoreShowChannelsAction()).compose(channels -> {
      Set<String> onPbx = new HashSet<>();
      Instant now = pbxNow();
      int listed = 0;
      Integer promised = null;
      for (ResponseEvent e : channels.getEvents()) {
        if (e instanceof CoreShowChannelsCompleteEvent done) {
          promised = done.getListitems();
        } else if (e instanceof CoreShowChannelEvent ch && ch.getUniqueid() != null) {
          listed++;
          onPbx.add(ch.getUniqueid());
          Instant started = now.minus(parseDuration(ch.getDuration()));
          tracker.adoptChannel(ch.getSystemName(), ch.getUniqueid(), ch.getLinkedid(), ch.getChannel(),
              ch.getCallerIdNum(), ch.getCallerIdName(), ch.getApplication(), ch.getApplicationdata(),
              ch.getBridgeid() != null && !ch.getBridgeid().isEmpty(), started);
        }
      }
      if (promised == null || promised != listed) {
        return Future.failedFuture("channel list incomplete (" + listed + " of " + promised + "): the link dropped");
      }
      Set<String> knownAtList = tracker.liveChannelIds();
      releaseHeldEvents();
      tracker.reconcile(onPbx, knownAtList, now);
      tracker.endUnseen(now).forEach(this::onCallEvent);
      return link.list(new QueueStatusAction());
    }).onSuccess(queues -> {
      Instant now = pbxNow();
      agents.resync(queues.getEvents().stream().filter(QueueMemberEvent.class::isInstance)
          .map(QueueMemberEvent.class::cast).toList(), now);
      for (ResponseEvent e : queues.getEvents()) {
        if (e instanceof QueueEntryEvent q && q.getUniqueId() != null) {
          tracker.adoptQueueEntry(q.getUniqueId(), q.getQueue(), q.getPosition() == null ? 0 : q.getPosition(),
              q.getWait() == null ? 0 : q.getWait(), now);
        }
      }
      Counter.builder(MetricNames.AMI_RESYNCS).tag("why", why).description("Completed resyncs with the PBX")
          .register(registry).increment();
      log.info("resync after {} done: {} live calls", why, tracker.size());
    }).onFailure(err -> {
      releaseHeldEvents();
      log.warn("resync after {} not completed: {}", why, err.toString());
    });
  }

  /** One alert per outage, once the link has stayed down {@link #linkDownAlertAfter}. */
  private void alertIfStillDown() {
    if (linkDownTimer >= 0) {
      return;
    }
    linkDownTimer = vertx.setTimer(linkDownAlertAfter.toMillis(), t -> {
      linkDownTimer = -1;
      if (amiUp.get() == 0 && !stopping && owner) {
        String pbx = config.ami().host() + ":" + config.ami().port();
        log.warn("AMI link to {} still down after {} s: supervisors alerted", pbx, linkDownAlertAfter.toSeconds());
        Bus.publish(vertx, Addresses.ALERTS, Alert.amiDown(Instant.now(), pbx));
      }
    });
  }

  private void onCallEvent(CallEventMessage message) {
    snapshotStale = true;
    LiveCall call = message.call();
    metrics.record(message.event(), call);
    store.write(message);
    if (message.event() instanceof CallEnded ended) {
      CallRecord record = ended.record();
      log.info("call={} ended outcome={} caller={} queue={} agent={} wait={}s talk={}s hold={}s", record.id(),
          record.outcome(), record.caller(), record.queue(), record.agent(), record.waitSeconds(),
          record.talkSeconds(), record.holdSeconds());
    }
    Bus.publish(vertx, Addresses.CALL_EVENTS, message);
    audioTaps.onCallEvent(message, tracker.legsOf(message.event().callId()));
  }

  /** PBX time now: the last PBX timestamp plus the wall time since it arrived (events stop when the PBX is idle). */
  private Instant pbxNow() {
    if (lastPbxTime == null) {
      return Instant.now();
    }
    return lastPbxTime.plusNanos(System.nanoTime() - lastEventWallNanos);
  }

  private static Duration parseDuration(String hhmmss) {
    if (hhmmss == null) {
      return Duration.ZERO;
    }
    String[] p = hhmmss.split(":");
    try {
      return p.length == 3 ? Duration.ofSeconds(Long.parseLong(p[0]) * 3600 + Long.parseLong(p[1]) * 60
          + Long.parseLong(p[2])) : Duration.ZERO;
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }
}
