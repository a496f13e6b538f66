package dev.attune.bridge;

import static dev.attune.bridge.BridgeTestNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.MapNames;
import dev.attune.sim.PbxSimulator;
import dev.attune.sim.SimulatorOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole bridge over real TCP: Asterisk-Java logs in to the simulator, the simulator replays a recorded Asterisk
 * trace, the bridge writes history to a real Hazelcast member and publishes call events on the event bus.
 */
class BridgeOverTcpTest {
  static final Path TRACES = BridgeTestNodes.TRACES;
  private final Vertx vertx = BridgeTestNodes.typedVertx();
  private HazelcastInstance hazelcast;

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
    Hazelcast.shutdownAll();
  }

  private SimpleMeterRegistry deploy(String replay, boolean realTime) throws Exception {
    PbxSimulator sim = PbxSimulator.start(vertx, new SimulatorOptions("127.0.0.1", 0, "attune", "s3cret",
        Path.of(TRACES + "/" + replay), realTime, 0, 1, List.of("support"), 3, false, SimulatorOptions.Survey.OFF, 0,
        MAX_GAP_SECONDS)).await(10, TimeUnit.SECONDS);
    AttuneConfig config = BridgeTestNodes.config(sim.port(), BridgeTestNodes.freePort());
    hazelcast = HazelcastNode.start(HazelcastNode.config(config.cluster(), c -> { }));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    vertx.deployVerticle(new TelephonyBridge(config, hazelcast, registry)).await(20, TimeUnit.SECONDS);
    return registry;
  }

  @Test
  void answeredTraceOverTcpLeavesHistoryACustomerAndAnEmptyLiveMap() throws Exception {
    List<CallEventMessage> published = new CopyOnWriteArrayList<>();
    vertx.eventBus().<CallEventMessage>consumer(Addresses.CALL_EVENTS, m -> published.add(m.body()));
    SimpleMeterRegistry registry = deploy("01-answered.ami", false);

    await(() -> hazelcast.getMap(MapNames.CALL_HISTORY).size() == 1);
    CallRecord record = (CallRecord) hazelcast.getMap(MapNames.CALL_HISTORY).values().iterator().next();
    assertThat(record.id()).isEqualTo("pbx:1795407672.0");
    assertThat(record.outcome().name()).isEqualTo("ANSWERED");
    assertThat(record.agent()).isEqualTo("SIP/agent1");
    await(() -> hazelcast.getMap(MapNames.LIVE_CALLS).isEmpty());
    await(() -> hazelcast.getMap(MapNames.CUSTOMERS).containsKey("15551230001"));
    CustomerProfile profile = (CustomerProfile) hazelcast.getMap(MapNames.CUSTOMERS).get("15551230001");
    assertThat(profile.calls()).isEqualTo(1);
    assertThat(profile.lastAgent()).isEqualTo("SIP/agent1");
    assertThat(published).anyMatch(m -> m.event() instanceof CallAnswered a && a.agent().equals("SIP/agent1")
        && "SIP/agent1".equals(m.call().agent()));
    assertThat(registry.get("callcenter.calls.answered").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("callcenter.queue.wait").tag("outcome", "answered").timer().count()).isEqualTo(1);
  }

  @Test
  void linkCutMidCallIsResyncedAndBothCallsEndOnceWithTheirOutcomes() throws Exception {
    SimpleMeterRegistry registry = deploy("08-reconnect.ami,08-reconnect-resync.ami", false);
    await(() -> hazelcast.getMap(MapNames.CALL_HISTORY).size() == 2 && hazelcast.getMap(MapNames.LIVE_CALLS).isEmpty());
    CallRecord hank = (CallRecord) hazelcast.getMap(MapNames.CALL_HISTORY).get("pbx:1795407806.0");
    CallRecord nina = (CallRecord) hazelcast.getMap(MapNames.CALL_HISTORY).get("pbx:1795407809.2");
    assertThat(hank.outcome().name()).isEqualTo("ANSWERED");
    assertThat(nina.outcome().name()).isEqualTo("ABANDONED");
    assertThat(registry.get("attune.ami.resyncs").tag("why", "reconnect").counter().count()).isGreaterThanOrEqualTo(1);
    assertThat(registry.get("callcenter.calls.ended").counters().stream().mapToDouble(c -> c.count()).sum())
        .isEqualTo(2.0);
  }

  @Test
  void everyTraceReplayedOverTcpAtFullSpeedGivesItsReadmeRecords() throws Exception {
    assertEveryTrace(false);
  }

  /**
   * In real time, gaps over this are cut to it: every event still arrives on its own after the one before (the
   * records come from the events' own timestamps), without waiting out each recorded call's talk time.
   */
  private static final double MAX_GAP_SECONDS = 0.25;

  @Test
  void everyTraceReplayedOverTcpInRealTimeGivesItsReadmeRecords() throws Exception {
    assertEveryTrace(true);
  }

  /** All traces as one replay (a link drop between each), through one bridge; each trace's calls checked apart. */
  private void assertEveryTrace(boolean realTime) throws Exception {
    JsonNode expected = new ObjectMapper().readTree(getClass().getResourceAsStream("/trace-records.json")).get("traces");
    List<String> files = new java.util.ArrayList<>();
    int calls = 0;
    for (var it = expected.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      files.add(TRACES.resolve(name.split(",")[0]).toString());
      for (int i = 1; i < name.split(",").length; i++) {
        files.add(TRACES.resolve(name.split(",")[i]).toString());
      }
      calls += expected.get(name).size();
    }
    deploy(String.join(",", files).replace(TRACES + "/", ""), realTime);
    int total = calls;
    await(() -> hazelcast.getMap(MapNames.CALL_HISTORY).size() == total && hazelcast.getMap(MapNames.LIVE_CALLS).isEmpty(),
        Duration.ofMinutes(realTime ? 4 : 1));
    Map<String, CallRecord> byCaller = new java.util.HashMap<>();
    hazelcast.<String, CallRecord>getMap(MapNames.CALL_HISTORY).values()
        .forEach(r -> byCaller.merge(r.caller() + "|" + r.id(), r, (a, b) -> a));
    for (var it = expected.fields(); it.hasNext(); ) {
      var trace = it.next();
      List<CallRecord> mine = new java.util.ArrayList<>();
      for (JsonNode want : trace.getValue()) {
        byCaller.values().stream().filter(r -> r.caller().equals(want.get("caller").asText()))
            .filter(r -> !mine.contains(r)).filter(r -> matchesTrace(r, trace.getKey())).findFirst().ifPresent(mine::add);
      }
      dev.attune.bridge.calls.CallTrackerTraceTest.assertRecords(mine, trace.getValue());
    }
  }

  /** Each trace's Linkedids start with the epoch second its first channel was made: tell traces apart by that. */
  private static boolean matchesTrace(CallRecord r, String trace) {
    try {
      String text = java.nio.file.Files.readString(TRACES.resolve(trace.split(",")[0]),
          java.nio.charset.StandardCharsets.ISO_8859_1);
      return text.contains("Linkedid: " + r.id().substring(r.id().indexOf(':') + 1) + "\r\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
