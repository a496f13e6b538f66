package dev.attune.bridge;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bridge deployed on a node whose bus is not typed would fail on every publish, deep in its event handling (a
 * benchmark recorded 273 of 2,300 calls that way): it refuses to start instead, and says what is missing.
 */
class TypedBusRequiredTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
    Hazelcast.shutdownAll();
  }

  @Test
  void theBridgeDoesNotStartWithoutTheTypedBus() {
    AttuneConfig config = BridgeTestNodes.config(1, BridgeTestNodes.freePort()); // the AMI port is never dialled: start fails first
    HazelcastInstance hz = HazelcastNode.start(HazelcastNode.config(config.cluster(), c -> { }));
    assertThatThrownBy(() -> vertx.deployVerticle(new TelephonyBridge(config, hz, new SimpleMeterRegistry()))
        .await(20, TimeUnit.SECONDS)).hasMessageContaining("Bus.start(vertx) must run");
  }
}
