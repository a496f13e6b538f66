package dev.attune.bridge;

import static dev.attune.bridge.BridgeTestNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.sim.PbxSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A wrong AMI secret is an operator's configuration mistake: /health says so, naming the PBX and the user. */
class AmiLoginRefusedTest {
  private final Vertx vertx = BridgeTestNodes.typedVertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
    Hazelcast.shutdownAll();
  }

  @Test
  void aRefusedLoginIsReportedWithThePbxAndTheUser() throws Exception {
    PbxSimulator sim = BridgeTestNodes.simulator(vertx);
    AttuneConfig config = BridgeTestNodes.config(sim.port(), BridgeTestNodes.freePort(), "ATTUNE_AMI_SECRET", "not-the-secret");
    HazelcastInstance hz = HazelcastNode.start(HazelcastNode.config(config.cluster(), c -> { }));
    TelephonyBridge bridge = new TelephonyBridge(config, hz, new SimpleMeterRegistry());
    vertx.deployVerticle(bridge).await(20, TimeUnit.SECONDS);

    await(() -> bridge.health().containsKey("detail") && bridge.health().getString("detail").contains("refused"));
    JsonObject health = bridge.health();
    assertThat(health.getBoolean("connected")).isFalse();
    assertThat(health.getString("pbx")).isEqualTo("127.0.0.1:" + sim.port());
    assertThat(health.getString("detail")).contains("'attune'").doesNotContain("not-the-secret");
  }
}
