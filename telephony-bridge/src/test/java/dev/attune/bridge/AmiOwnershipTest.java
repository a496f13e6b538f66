package dev.attune.bridge;

import static dev.attune.bridge.BridgeTestNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.sim.PbxSimulator;
import dev.attune.sim.SimulatorOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One AMI connection per PBX across the cluster: of two bridge nodes only one logs in; when its member dies, the
 * other takes the lock, logs in and resyncs within 5 s.
 */
class AmiOwnershipTest {
  private final Vertx pbxVertx = BridgeTestNodes.typedVertx();
  private final Vertx nodeA = BridgeTestNodes.typedVertx();
  private final Vertx nodeB = BridgeTestNodes.typedVertx();

  @AfterEach
  void stop() throws Exception {
    for (Vertx v : List.of(nodeA, nodeB, pbxVertx)) {
      v.close().await(20, TimeUnit.SECONDS);
    }
    Hazelcast.shutdownAll();
  }

  @Test
  void onlyOneMemberHoldsTheLinkAndAnotherTakesOverWhenItDies() throws Exception {
    PbxSimulator sim = PbxSimulator.start(pbxVertx, new SimulatorOptions("127.0.0.1", 0, "attune", "s3cret", null,
        false, 0, 1, List.of("support"), 3, false)).await(10, TimeUnit.SECONDS);
    int port = BridgeTestNodes.freePort(); // A binds it, B the next free one and joins A there
    AttuneConfig config = BridgeTestNodes.config(sim.port(), port, "ATTUNE_CLUSTER_MEMBERS",
        "127.0.0.1:" + port + ",127.0.0.1:" + (port + 1));
    HazelcastInstance hzA = HazelcastNode.start(HazelcastNode.config(config.cluster(), c -> { }));
    HazelcastInstance hzB = HazelcastNode.start(HazelcastNode.config(config.cluster(), c -> { }));
    assertThat(hzB.getCluster().getMembers()).hasSize(2);
    SimpleMeterRegistry metricsA = new SimpleMeterRegistry();
    SimpleMeterRegistry metricsB = new SimpleMeterRegistry();
    nodeA.deployVerticle(new TelephonyBridge(config, hzA, metricsA)).await(20, TimeUnit.SECONDS);
    await(() -> connected(metricsA) == 1);
    nodeB.deployVerticle(new TelephonyBridge(config, hzB, metricsB)).await(20, TimeUnit.SECONDS);

    // B keeps trying for a few rounds of its one-second lock poll, and stays off the PBX
    Instant watchUntil = Instant.now().plusSeconds(3);
    while (Instant.now().isBefore(watchUntil)) {
      assertThat(connected(metricsB)).isZero();
      Thread.sleep(100);
    }

    Instant killed = Instant.now();
    hzA.getLifecycleService().terminate(); // the member dies: Hazelcast frees its locks
    nodeA.close().await(20, TimeUnit.SECONDS);
    await(() -> connected(metricsB) == 1 && resyncs(metricsB) >= 1, Duration.ofSeconds(10));
    assertThat(Duration.between(killed, Instant.now())).isLessThan(Duration.ofSeconds(5));
  }

  private static double connected(SimpleMeterRegistry registry) {
    var gauge = registry.find("attune.ami.connected").gauge();
    return gauge == null ? 0 : gauge.value();
  }

  private static double resyncs(SimpleMeterRegistry registry) {
    return registry.find("attune.ami.resyncs").counters().stream().mapToDouble(c -> c.count()).sum();
  }
}
