package dev.attune.bridge;

import static dev.attune.bridge.BridgeTestNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.store.MapNames;
import dev.attune.sim.PbxSimulator;
import dev.attune.sim.ami.AmiMessage;
import dev.attune.sim.traffic.IntendedCall;
import dev.attune.sim.traffic.TrafficGenerator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 200-call run with the AMI link cut at 50 random points, each once the bridge has received what came before it (a
 * few events are then emitted while nobody listens, as a real PBX would): after each resync, every call ends with exactly one record — none lost, none written twice.
 */
class LinkCutsTest {
  private final Vertx vertx = BridgeTestNodes.typedVertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
    Hazelcast.shutdownAll();
  }

  @Test
  void fiftyLinkCutsDuringTwoHundredCallsLoseAndDuplicateNothing() throws Exception {
    TrafficGenerator.Run run = TrafficGenerator.generate(3, 200, 12, List.of("support", "sales"), 10,
        System.currentTimeMillis() / 1000.0 - 3600);
    List<AmiMessage> events = run.events();
    Map<String, AtomicInteger> ended = new ConcurrentHashMap<>();
    Map<String, List<String>> seen = new ConcurrentHashMap<>();
    vertx.eventBus().<CallEventMessage>consumer(Addresses.CALL_EVENTS, m -> {
      CallEventMessage message = m.body();
      seen.computeIfAbsent(message.event().callId(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
          .add(message.event().getClass().getSimpleName());
      if (message.event() instanceof CallEnded e) {
        ended.computeIfAbsent(e.callId(), k -> new AtomicInteger()).incrementAndGet();
      }
    });
    BridgeTestNodes.Running node = BridgeTestNodes.startBridge(vertx, 18701);
    PbxSimulator sim = node.sim();
    HazelcastInstance hz = node.hazelcast();
    SimpleMeterRegistry registry = node.metrics();

    Random random = new Random(5);
    TreeSet<Integer> cuts = new TreeSet<>();
    while (cuts.size() < 50) {
      cuts.add(1 + random.nextInt(events.size() - 10));
    }
    int from = 0;
    java.util.BitSet lost = new java.util.BitSet(); // events emitted while the link was down, for the failure message
    for (int point : cuts) {
      int cut = Math.max(from, point);
      double received = amiEvents(registry);
      sim.play(events.subList(from, cut)).await(10, TimeUnit.SECONDS);
      // cut once the bridge has what was sent: events still in flight inside this process when the socket closes are
      // lost with it (see the README's known limits), and a call wholly inside that backlog no resync can bring back
      int sent = cut - from;
      await(() -> amiEvents(registry) >= received + sent);
      double before = resyncs(registry);
      sim.dropConnections();
      int lostUntil = Math.min(cut + random.nextInt(4), events.size()); // emitted while the link is down
      sim.play(events.subList(cut, lostUntil)).await(10, TimeUnit.SECONDS);
      lost.set(cut, lostUntil);
      await(() -> resyncs(registry) > before && registry.get("attune.ami.connected").gauge().value() == 1);
      from = lostUntil;
    }
    sim.play(events.subList(from, events.size())).await(10, TimeUnit.SECONDS);

    List<String> intended = run.calls().stream().map(IntendedCall::callId).sorted().toList();
    try {
      await(() -> hz.getMap(MapNames.CALL_HISTORY).size() >= intended.size() && hz.getMap(MapNames.LIVE_CALLS).isEmpty());
    } catch (AssertionError e) {
      List<String> missing = intended.stream().filter(id -> !hz.getMap(MapNames.CALL_HISTORY).containsKey(id)).toList();
      String story = missing.stream().map(id -> story(run, id, seen, lost)).collect(Collectors.joining());
      throw new AssertionError("not all calls ended; still live: " + hz.getMap(MapNames.LIVE_CALLS).values()
          + "; without a record:" + story, e);
    }
    assertThat(new TreeSet<>(hz.<String, Object>getMap(MapNames.CALL_HISTORY).keySet()))
        .as("one record per generated call, nothing else").containsExactlyElementsOf(intended);
    assertThat(ended.entrySet().stream().filter(e -> e.getValue().get() != 1).map(Map.Entry::getKey)
        .collect(Collectors.toList())).as("calls ended more than once").isEmpty();
    assertThat(ended.keySet()).hasSize(intended.size());
    // a call answered while the link was down is still answered, by its agent: the resync and AgentComplete say so
    Map<String, IntendedCall> meant = run.calls().stream().collect(Collectors.toMap(IntendedCall::callId, c -> c));
    List<String> answeredButNotSo = hz.<String, CallRecord>getMap(MapNames.CALL_HISTORY).values().stream()
        .filter(got -> List.of("ANSWERED", "TRANSFERRED").contains(meant.get(got.id()).outcome()))
        .filter(got -> got.outcome() != CallOutcome.ENDED_DURING_OUTAGE)
        .filter(got -> got.answeredAt() == null || !got.agent().equals(meant.get(got.id()).agent()))
        .map(got -> got.id() + " " + got.outcome() + " agent=" + got.agent() + story(run, got.id(), seen, lost))
        .toList();
    assertThat(answeredButNotSo).as("answered calls recorded as something else").isEmpty();
  }

  /** What the generator meant for a call, what the bridge published, and its AMI events (LOST = emitted while down). */
  private static String story(TrafficGenerator.Run run, String id, Map<String, List<String>> seen,
      java.util.BitSet lost) {
    List<AmiMessage> events = run.events();
    StringBuilder story = new StringBuilder();
    story.append("\n").append(run.calls().stream().filter(c -> c.callId().equals(id)).findFirst().orElseThrow())
        .append("\n  published: ").append(seen.get(id)).append("\n  its AMI events (LOST = emitted while down):");
    String linkedid = id.substring(id.indexOf(':') + 1);
    for (int i = 0; i < events.size(); i++) {
      if (linkedid.equals(events.get(i).get("Linkedid")) || linkedid.equals(events.get(i).get("DestLinkedid"))) {
        story.append("\n    ").append(i).append(lost.get(i) ? " LOST " : " ").append(events.get(i).get("Event"))
            .append(" ").append(events.get(i).get("Uniqueid")).append(" ").append(events.get(i).get("Channel"));
      }
    }
    return story.toString();
  }

  private static double amiEvents(SimpleMeterRegistry registry) {
    return registry.find(dev.attune.core.metrics.MetricNames.AMI_EVENTS).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  private static double resyncs(SimpleMeterRegistry registry) {
    return registry.find("attune.ami.resyncs").counters().stream().mapToDouble(Counter::count).sum();
  }
}
