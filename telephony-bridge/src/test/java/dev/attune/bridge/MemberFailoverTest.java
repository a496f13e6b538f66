package dev.attune.bridge;

import static dev.attune.bridge.BridgeTestNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.DurableStores;
import dev.attune.core.store.MapNames;
import dev.attune.core.testing.FreePorts;
import dev.attune.sim.PbxSimulator;
import dev.attune.sim.SimulatorOptions;
import dev.attune.sim.ami.AmiMessage;
import dev.attune.sim.traffic.IntendedCall;
import dev.attune.sim.traffic.TrafficGenerator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.api.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three members on loopback, each with a telephony bridge and a write-through store on one shared database file (as
 * three nodes share one PostgreSQL). While the simulator plays a seeded mix of overlapping calls, the member holding
 * the AMI link dies (or shuts down in order): no live call is lost, a survivor logs in and resyncs within 5 s, and at
 * the end every call the generator intended has exactly one row in {@code call_history}, written once.
 */
class MemberFailoverTest {
  private static final Logger log = LoggerFactory.getLogger(MemberFailoverTest.class);
  /** PBX seconds per wall second while nothing is being watched closely: keeps a 150-call run to a few seconds. */
  private static final double FAST = 25;
  /** The share of the run's events played before it slows down to real time and the owner leaves. */
  private static final double LEAVE_AFTER = 0.4;

  /** How the AMI owner leaves, and how long before that it may have seen a hangup that only the survivor records. */
  enum Departure {
    /**
     * Its member dies ({@code terminate()}, then its Vert.x goes). The bridge closes a call END_GRACE (800 ms PBX time)
     * after its last hangup, on a 250 ms sweep, and writes the record asynchronously: a call that hung up that close
     * to the death is recorded by nobody until the survivor's resync finds it gone. The run is in real time around
     * the departure, so PBX time and wall time agree there.
     */
    KILLED(Duration.ofMillis(1500)),
    /**
     * Shut down in order, as {@code AttuneNode.stop} does (bridge undeployed, then Hazelcast): it records every call
     * that has hung up before it lets go of the lock; only a hangup still on its way to it can be missed.
     */
    STOPPED(Duration.ofMillis(100));

    final Duration unrecordedBefore;

    Departure(Duration unrecordedBefore) {
      this.unrecordedBefore = unrecordedBefore;
    }
  }

  /** Every insert or update of a {@code call_history} row, by key (an H2 trigger sees what reached the table). */
  static final Map<String, AtomicInteger> ROW_WRITES = new ConcurrentHashMap<>();

  @TempDir
  Path dataDir;

  private final Vertx pbxVertx = BridgeTestNodes.typedVertx();
  private final List<Vertx> nodeVertx = new ArrayList<>();
  private final List<DurableStores> stores = new ArrayList<>();
  private final List<HazelcastInstance> members = new ArrayList<>();
  private final List<SimpleMeterRegistry> metrics = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Vertx v : nodeVertx) {
      v.close().await(20, TimeUnit.SECONDS);
    }
    pbxVertx.close().await(20, TimeUnit.SECONDS);
    Hazelcast.shutdownAll();
    stores.forEach(DurableStores::close);
    ROW_WRITES.clear();
  }

  @ParameterizedTest
  @EnumSource(Departure.class)
  void whenTheAmiOwnerLeavesNoCallIsLostTheLinkMovesWithinFiveSecondsAndEachRecordIsWrittenOnce(Departure departure)
      throws Exception {
    PbxSimulator sim = startMembersAndBridges(3);
    int ownerIndex = 0;
    HazelcastInstance survivor = members.get(1);

    TrafficGenerator.Run run = alignedRun();
    Player player = new Player(sim, run.events());
    player.start(pbxVertx);
    // Traffic builds up fast; a few seconds before the owner leaves the run slows to real time so the outage spans
    // PBX seconds, not minutes (no call is short enough to start and end unseen while the link moves).
    await(() -> player.emitted() > run.events().size() * LEAVE_AFTER);
    player.speed(1);
    double slowFrom = player.virtualNow();
    await(() -> player.virtualNow() >= slowFrom + 2);

    // leave 300 ms after a caller hung up: the owner has seen it, and the call is still in its grace for stragglers
    int hangup = player.nextCustomerHangup();
    await(() -> player.virtualNow() >= player.virtualDue(hangup) + 0.3);

    Set<String> liveBeforeLeaving = new TreeSet<>(survivor.<String, Object>getMap(MapNames.LIVE_CALLS).keySet());
    assertThat(liveBeforeLeaving).as("calls live when the owner leaves").hasSizeGreaterThanOrEqualTo(5);
    long leftAt = System.nanoTime();
    if (departure == Departure.KILLED) {
      members.get(ownerIndex).getLifecycleService().terminate(); // the member dies: Hazelcast frees its lock
      nodeVertx.get(ownerIndex).close(); // and its process with it: the AMI link goes
    } else {
      nodeVertx.get(ownerIndex).close().await(20, TimeUnit.SECONDS);
      members.get(ownerIndex).shutdown();
    }
    int[] newOwner = {-1};
    await(() -> {
      for (int i = 1; i < 3; i++) {
        if (connected(metrics.get(i)) && resyncs(metrics.get(i)) >= 1) {
          newOwner[0] = i;
          return true;
        }
      }
      return false;
    }, Duration.ofSeconds(10));
    long resyncedAt = System.nanoTime();
    Duration takeover = Duration.ofNanos(resyncedAt - leftAt);
    log.info("{}: AMI link moved to member {} and resynced {} ms later ({} calls live then)", departure, newOwner[0],
        takeover.toMillis(), liveBeforeLeaving.size());
    assertThat(takeover).as("departure to logged-in, resynced survivor").isLessThan(Duration.ofSeconds(5));
    int other = newOwner[0] == 1 ? 2 : 1;
    assertThat(connected(metrics.get(other))).as("only one survivor holds the link").isFalse();

    // 0 lost: each call live before the owner left is still live on the survivors or has its record.
    var live = survivor.<String, Object>getMap(MapNames.LIVE_CALLS);
    var history = survivor.<String, Object>getMap(MapNames.CALL_HISTORY);
    await(() -> liveBeforeLeaving.stream().allMatch(id -> live.containsKey(id) || history.containsKey(id)),
        Duration.ofSeconds(5));

    await(() -> player.virtualNow() >= player.virtualAt(resyncedAt) + 1);
    player.speed(FAST);
    await(player::finished);

    List<String> intended = run.calls().stream().map(IntendedCall::callId).sorted().toList();
    await(() -> rows(stores.get(1)).size() >= intended.size() && live.isEmpty());
    Map<String, CallRecord> rows = rows(stores.get(1));
    assertThat(rows.keySet()).as("one row per intended call, nothing else").containsExactlyElementsOf(intended);
    assertThat(ROW_WRITES.entrySet().stream().filter(e -> e.getValue().get() != 1).map(Map.Entry::getKey).toList())
        .as("history rows written more than once").isEmpty();

    // ENDED_DURING_OUTAGE is the honest outcome only for a call whose end no member recorded: it hung up after the
    // owner stopped recording (Departure.unrecordedBefore) and before the survivor's resync; the
    // survivor can only learn from the PBX's channel list that it is gone. Every other call must end as the generator
    // meant it, to the second, whichever member wrote it; a call with events inside that window only has to keep its
    // outcome (what happened unseen, a transfer say, cannot be known: AMI has no replay).
    long outageFrom = leftAt - departure.unrecordedBefore.toNanos();
    Map<String, String> wrong = new TreeMap<>();
    int outageCalls = 0;
    int spanning = 0;
    for (IntendedCall want : run.calls()) {
      CallRecord got = rows.get(want.callId());
      Player.Span span = player.span(want.callId());
      boolean endedUnseen = span.last() >= outageFrom && span.last() <= resyncedAt;
      boolean touchedUnseen = span.anyBetween(outageFrom, resyncedAt);
      spanning += span.first() < leftAt && span.last() > resyncedAt ? 1 : 0;
      if (got.outcome() == CallOutcome.ENDED_DURING_OUTAGE) {
        outageCalls++;
        if (!got.caller().equals(want.caller()) || !Objects.equals(got.queue(), want.queue())) {
          wrong.put(want.callId(), "ENDED_DURING_OUTAGE record of another call: " + got);
        } else if (!endedUnseen) {
          wrong.put(want.callId(), "ENDED_DURING_OUTAGE though it ended " + (span.last() - leftAt) / 1_000_000
              + " ms from the departure; meant " + want.outcome());
        }
      } else if (!got.outcome().name().equals(want.outcome())) {
        wrong.put(want.callId(), got.outcome() + " but meant " + want.outcome());
      } else if (!touchedUnseen && !asIntended(got, want)) {
        wrong.put(want.callId(), "got " + got + " meant " + want);
      }
    }
    log.info("{} calls, {} live at the departure, {} spanning the outage, {} ended during it", intended.size(),
        liveBeforeLeaving.size(), spanning, outageCalls);
    assertThat(spanning).as("calls that lived through the takeover").isGreaterThanOrEqualTo(5);
    assertThat(wrong).as("records that differ from the generator's intent").isEmpty();
  }

  /**
   * The crash between the owner's two writes of an ended call (its record, then dropping its live entry): the
   * survivor finds the call listed as live with its record already written. It must clear the entry, not end the
   * call a second time (an ENDED_DURING_OUTAGE record over the real one, and a second customer contact).
   */
  @Test
  void aCallRecordedJustBeforeTheOwnerDiedIsNotRecordedAgainByTheSurvivor() throws Exception {
    PbxSimulator sim = startMembersAndBridges(2);
    TrafficGenerator.Run run = generate(System.currentTimeMillis() / 1000.0 - 600);
    IntendedCall call = run.calls().stream().filter(c -> c.outcome().equals("ANSWERED")).findFirst().orElseThrow();
    String linkedid = call.callId().substring("pbx:".length());
    int lastEvent = 0;
    for (int i = 0; i < run.events().size(); i++) {
      if (linkedid.equals(run.events().get(i).get("Linkedid"))) {
        lastEvent = i;
      }
    }
    HazelcastInstance survivor = members.get(1);
    var live = survivor.<String, LiveCall>getMap(MapNames.LIVE_CALLS);
    var history = survivor.<String, CallRecord>getMap(MapNames.CALL_HISTORY);
    sim.play(run.events().subList(0, lastEvent)).await(10, TimeUnit.SECONDS);
    await(() -> live.containsKey(call.callId()) && live.get(call.callId()).answeredAt() != null);
    LiveCall beforeItsEnd = live.get(call.callId());
    sim.play(run.events().subList(lastEvent, run.events().size())).await(10, TimeUnit.SECONDS);
    await(() -> rows(stores.get(1)).size() == run.calls().size() && live.isEmpty()); // every call ended and recorded

    CallRecord recorded = rows(stores.get(1)).get(call.callId());
    assertThat(recorded.outcome().name()).isEqualTo(call.outcome());
    live.set(call.callId(), beforeItsEnd); // as if the owner died before its second write went out
    members.get(0).getLifecycleService().terminate();
    nodeVertx.get(0).close();
    await(() -> connected(metrics.get(1)) && resyncs(metrics.get(1)) >= 1, Duration.ofSeconds(10));
    await(() -> !live.containsKey(call.callId()), Duration.ofSeconds(5));

    assertThat(ROW_WRITES.get(call.callId())).as("writes of the record").hasValue(1);
    assertThat(rows(stores.get(1)).get(call.callId())).isEqualTo(recorded);
    assertThat(history.get(call.callId())).isEqualTo(recorded);
  }

  /**
   * The AMI owner is cut off from the other two members (its link to the PBX stays up, as in a partition of the
   * cluster network only) while calls go on, then the network heals. Split-brain protection fences it: it refuses
   * writes to the call maps before the majority can declare it dead, the PBX never sees two sessions logged in at once,
   * one of the majority takes the link over and resyncs, and after the heal and the merge each call the generator meant
   * has one record, as meant unless it ended unseen, and no call is left live.
   */
  @Test
  void aPartitionedOwnerIsFencedOneMemberHoldsTheLinkAndAfterTheHealEachCallHasOneRecord() throws Exception {
    PbxSimulator sim = startMembersAndBridges(3, true);
    HazelcastInstance owner = members.get(0);
    TrafficGenerator.Run run = alignedRun();
    Player player = new Player(sim, run.events());
    player.start(pbxVertx);
    await(() -> player.emitted() > run.events().size() * LEAVE_AFTER);
    player.speed(1); // the partition spans PBX seconds, as the failover does
    double slowFrom = player.virtualNow();
    await(() -> player.virtualNow() >= slowFrom + 2);

    long cutAt = System.nanoTime();
    cut(owner, members.get(1));
    cut(owner, members.get(2));
    await(() -> !dev.attune.core.cluster.ClusterQuorum.present(owner), Duration.ofSeconds(20));
    long fencedAt = System.nanoTime();
    int[] newOwner = {-1};
    await(() -> {
      for (int i = 1; i < 3; i++) {
        if (connected(metrics.get(i)) && resyncs(metrics.get(i)) >= 1) {
          newOwner[0] = i;
          return true;
        }
      }
      return false;
    }, Duration.ofSeconds(30));
    long resyncedAt = System.nanoTime();
    log.info("partition: owner fenced {} ms after the cut, member {} resynced {} ms after it",
        (fencedAt - cutAt) / 1_000_000, newOwner[0], (resyncedAt - cutAt) / 1_000_000);
    assertThat(members.get(newOwner[0]).getCluster().getMembers()).as("the majority's view").hasSize(2);
    assertThat(connected(metrics.get(0))).as("the cut-off owner gave its link up").isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> owner.getMap(MapNames.LIVE_CALLS).set("fenced", "x"))
        .as("the cut-off owner may not write a live call")
        .isInstanceOf(com.hazelcast.splitbrainprotection.SplitBrainProtectionException.class);
    assertThat(sim.mostClientsAtOnce()).as("AMI sessions logged in at once, as the PBX saw them").isEqualTo(1);

    await(() -> player.virtualNow() >= player.virtualAt(resyncedAt) + 1);
    heal(owner, members.get(1));
    heal(owner, members.get(2));
    await(() -> members.stream().allMatch(m -> m.getCluster().getMembers().size() == 3), Duration.ofSeconds(60));
    player.speed(FAST);
    await(player::finished);

    var live = members.get(1).<String, Object>getMap(MapNames.LIVE_CALLS);
    List<String> intended = run.calls().stream().map(IntendedCall::callId).sorted().toList();
    await(() -> rows(stores.get(1)).size() >= intended.size() && live.isEmpty(), Duration.ofSeconds(30));
    Map<String, CallRecord> rows = rows(stores.get(1));
    assertThat(rows.keySet()).as("one row per intended call, nothing else").containsExactlyElementsOf(intended);
    assertThat(new TreeSet<>(members.get(2).<String, Object>getMap(MapNames.CALL_HISTORY).keySet()))
        .as("the merged cluster's records").containsExactlyElementsOf(intended);
    assertThat(sim.mostClientsAtOnce()).as("AMI sessions logged in at once, through the heal").isEqualTo(1);
    long unseenFrom = cutAt - Departure.KILLED.unrecordedBefore.toNanos();
    Map<String, String> wrong = new TreeMap<>();
    for (IntendedCall want : run.calls()) {
      CallRecord got = rows.get(want.callId());
      Player.Span span = player.span(want.callId());
      if (got.outcome() == CallOutcome.ENDED_DURING_OUTAGE) {
        if (!(span.last() >= unseenFrom && span.last() <= resyncedAt)) {
          wrong.put(want.callId(), "ENDED_DURING_OUTAGE though it ended outside the partition; meant " + want.outcome());
        }
      } else if (!got.outcome().name().equals(want.outcome())) {
        wrong.put(want.callId(), got.outcome() + " but meant " + want.outcome());
      } else if (!span.anyBetween(unseenFrom, resyncedAt) && !asIntended(got, want)) {
        wrong.put(want.callId(), "got " + got + " meant " + want);
      }
    }
    assertThat(wrong).as("records that differ from the generator's intent").isEmpty();
  }

  /** Parts two members as a network fault would: no packets either way, existing connections dropped. */
  private static void cut(HazelcastInstance a, HazelcastInstance b) {
    firewall(a).blockNewConnection(address(b));
    firewall(b).blockNewConnection(address(a));
    firewall(a).closeActiveConnection(address(b));
    firewall(b).closeActiveConnection(address(a));
  }

  private static void heal(HazelcastInstance a, HazelcastInstance b) {
    firewall(a).unblock(address(b));
    firewall(b).unblock(address(a));
  }

  private static com.hazelcast.internal.server.FirewallingServer.FirewallingServerConnectionManager firewall(
      HazelcastInstance h) {
    return (com.hazelcast.internal.server.FirewallingServer.FirewallingServerConnectionManager) node(h).getServer()
        .getConnectionManager(com.hazelcast.instance.EndpointQualifier.MEMBER);
  }

  private static com.hazelcast.cluster.Address address(HazelcastInstance h) {
    return node(h).getThisAddress();
  }

  private static com.hazelcast.instance.impl.Node node(HazelcastInstance h) {
    return ((com.hazelcast.instance.impl.HazelcastInstanceProxy) h).getOriginal().node;
  }

  /**
   * A simulator without traffic of its own, then {@code n} members on loopback, each with its write-through store on
   * one shared H2 file (as nodes share one PostgreSQL) and a bridge; the first member holds the AMI link.
   */
  private PbxSimulator startMembersAndBridges(int n) throws Exception {
    return startMembersAndBridges(n, false);
  }

  /**
   * {@code partitionable}: each member's connections to the others pass through Hazelcast's own test firewall (real
   * TCP), so {@link #cut} can part them; split-brain protection on (a majority of 2, failure detection 6 s), and every
   * member's address listed so that the sides find each other again after the heal.
   */
  private PbxSimulator startMembersAndBridges(int n, boolean partitionable) throws Exception {
    PbxSimulator sim = PbxSimulator.start(pbxVertx, new SimulatorOptions("127.0.0.1", 0, "attune", "s3cret", null,
        false, 0, 1, List.of("support", "sales"), 10, false)).await(10, TimeUnit.SECONDS);
    // members join through the default bare host, which tries port..port+2
    int clusterPort = FreePorts.block(10);
    List<String> env = new ArrayList<>(List.of("ATTUNE_DATA_DIR", dataDir.toString()));
    if (partitionable) {
      env.addAll(List.of("ATTUNE_CLUSTER_MINIMUM_MEMBERS", "2", "ATTUNE_CLUSTER_FAILURE_DETECTION_SECONDS",
          String.valueOf(AttuneConfig.Cluster.MIN_FENCED_FAILURE_DETECTION_SECONDS), "ATTUNE_CLUSTER_MEMBERS",
          String.join(",", java.util.stream.IntStream.range(0, n).mapToObj(i -> "127.0.0.1:" + (clusterPort + i))
              .toList())));
    }
    AttuneConfig config = BridgeTestNodes.config(sim.port(), clusterPort, env.toArray(String[]::new));
    for (int i = 0; i < n; i++) {
      DurableStores db = DurableStores.start(config);
      stores.add(db);
      if (i == 0) {
        countRowWrites(db);
      }
      var memberConfig = HazelcastNode.config(config.cluster(), db::configure);
      members.add(partitionable
          ? com.hazelcast.instance.impl.HazelcastInstanceFactory.newHazelcastInstance(memberConfig,
              "partitionable-" + i + "-" + java.util.UUID.randomUUID(), new com.hazelcast.instance.FirewallingNodeContext())
          : HazelcastNode.start(memberConfig));
      metrics.add(new SimpleMeterRegistry());
      nodeVertx.add(BridgeTestNodes.typedVertx());
    }
    assertThat(members.get(n - 1).getCluster().getMembers()).hasSize(n);
    for (int i = 0; i < n; i++) {
      nodeVertx.get(i).deployVerticle(new TelephonyBridge(config, members.get(i), metrics.get(i)))
          .await(20, TimeUnit.SECONDS);
      if (i == 0) { // the first member takes the link; the others wait for the lock
        SimpleMeterRegistry first = metrics.get(0);
        await(() -> connected(first) && resyncs(first) >= 1);
      }
    }
    return sim;
  }

  /**
   * The seeded run, timed so that PBX time meets the wall clock where the run slows down for the departure: the survivor
   * measures the calls it adopts against the PBX's clock, as it would against a real Asterisk.
   */
  private static TrafficGenerator.Run alignedRun() {
    List<AmiMessage> draft = generate(0).events();
    double untilSlow = timestamp(draft, (int) (draft.size() * LEAVE_AFTER)) - timestamp(draft, 0);
    double now = System.currentTimeMillis() / 1000.0;
    return generate(now + untilSlow / FAST - untilSlow);
  }

  private static TrafficGenerator.Run generate(double start) {
    return TrafficGenerator.generate(21, 150, 40, List.of("support", "sales"), 10, start);
  }

  private static double timestamp(List<AmiMessage> events, int index) {
    for (int i = index; i < events.size(); i++) {
      if (events.get(i).get("Timestamp") != null) {
        return Double.parseDouble(events.get(i).get("Timestamp"));
      }
    }
    throw new IllegalStateException("no timestamped event after " + index);
  }

  private static boolean asIntended(CallRecord got, IntendedCall want) {
    return Objects.equals(got.agent(), want.agent()) && Objects.equals(got.queue(), want.queue())
        && got.endedBy().name().equals(want.endedBy()) && got.caller().equals(want.caller())
        && Math.abs(got.waitSeconds() - want.waitSeconds()) <= 1 && Math.abs(got.talkSeconds() - want.talkSeconds()) <= 1
        && Math.abs(got.holdSeconds() - want.holdSeconds()) <= 1 && got.transfers() == want.transfers();
  }

  /** The simulator's emissions on a clock of their own: PBX time runs {@code speed} times faster than the wall. */
  private static final class Player {
    private final PbxSimulator sim;
    private final List<AmiMessage> events;
    private final double[] due;
    private final long[] emittedAt;
    private final double start;
    private volatile int next;
    private volatile double virtual;
    private volatile double speed = FAST;
    private long lastTick;

    Player(PbxSimulator sim, List<AmiMessage> events) {
      this.sim = sim;
      this.events = events;
      this.due = new double[events.size()];
      this.emittedAt = new long[events.size()];
      double t = 0;
      for (int i = 0; i < events.size(); i++) {
        String ts = events.get(i).get("Timestamp");
        t = ts == null ? t : Math.max(t, Double.parseDouble(ts));
        due[i] = t;
      }
      this.start = due[0];
      this.virtual = start;
    }

    void start(Vertx vertx) {
      lastTick = System.nanoTime();
      vertx.setPeriodic(20, id -> {
        long now = System.nanoTime();
        virtual += (now - lastTick) / 1e9 * speed;
        lastTick = now;
        int from = next;
        int to = from;
        while (to < due.length && due[to] <= virtual) {
          emittedAt[to++] = now;
        }
        if (to > from) {
          sim.play(events.subList(from, to));
          next = to;
        }
        if (to == due.length) {
          vertx.cancelTimer(id);
        }
      });
    }

    /** The next event, not yet emitted, that hangs up a caller's own channel. */
    int nextCustomerHangup() {
      for (int i = next; i < events.size(); i++) {
        AmiMessage e = events.get(i);
        if ("Hangup".equals(e.get("Event")) && Objects.equals(e.get("Uniqueid"), e.get("Linkedid"))) {
          return i;
        }
      }
      throw new IllegalStateException("no caller hangs up after event " + next);
    }

    /** PBX seconds since the first event at which event {@code index} is emitted. */
    double virtualDue(int index) {
      return due[index] - start;
    }

    void speed(double pbxSecondsPerSecond) {
      speed = pbxSecondsPerSecond;
    }

    int emitted() {
      return next;
    }

    boolean finished() {
      return next == due.length;
    }

    /** PBX seconds since the first event. */
    double virtualNow() {
      return virtual - start;
    }

    /** PBX seconds since the first event at which the event emitted at (or just after) {@code nanos} was due. */
    double virtualAt(long nanos) {
      for (int i = 0; i < next; i++) {
        if (emittedAt[i] >= nanos) {
          return due[i] - start;
        }
      }
      return virtualNow();
    }

    /** When a call's events (by its Linkedid) went out, on the nanoTime clock. */
    record Span(List<Long> at) {
      long first() {
        return at.get(0);
      }

      long last() {
        return at.get(at.size() - 1);
      }

      boolean anyBetween(long from, long to) {
        return at.stream().anyMatch(t -> t >= from && t <= to);
      }
    }

    Span span(String callId) {
      List<Long> at = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        if (callId.equals("pbx:" + events.get(i).get("Linkedid"))) {
          at.add(emittedAt[i]);
        }
      }
      return new Span(at);
    }
  }

  /** Installs the trigger that counts row writes (after Flyway made the table). */
  private static void countRowWrites(DurableStores db) throws Exception {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TRIGGER IF NOT EXISTS count_history_writes AFTER INSERT, UPDATE ON call_history"
          + " FOR EACH ROW CALL \"" + RowWriteCounter.class.getName() + "\"");
    }
  }

  /** H2 calls this for every row inserted into or updated in call_history. */
  public static final class RowWriteCounter implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
      ROW_WRITES.computeIfAbsent(String.valueOf(newRow[0]), k -> new AtomicInteger()).incrementAndGet();
    }
  }

  private static Map<String, CallRecord> rows(DurableStores db) {
    Map<String, CallRecord> out = new TreeMap<>();
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT k, body FROM call_history")) {
      while (rs.next()) {
        out.put(rs.getString(1), Json.read(rs.getString(2), CallRecord.class));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static boolean connected(SimpleMeterRegistry registry) {
    var gauge = registry.find("attune.ami.connected").gauge();
    return gauge != null && gauge.value() == 1;
  }

  private static double resyncs(SimpleMeterRegistry registry) {
    return registry.find("attune.ami.resyncs").counters().stream().mapToDouble(Counter::count).sum();
  }
}
