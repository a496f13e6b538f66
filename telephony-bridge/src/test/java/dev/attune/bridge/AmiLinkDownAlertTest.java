package dev.attune.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Alert;
import dev.attune.core.bus.Bus;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.sim.PbxSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A PBX out of reach for a while is a supervisor's alert, naming the PBX. */
class AmiLinkDownAlertTest {
  private final Vertx vertx = BridgeTestNodes.typedVertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
    Hazelcast.shutdownAll();
  }

  @Test
  void aLinkThatStaysDownAlertsSupervisors() throws Exception {
    PbxSimulator sim = BridgeTestNodes.simulator(vertx);
    AttuneConfig config = BridgeTestNodes.config(sim.port(), BridgeTestNodes.freePort());
    HazelcastInstance hz = HazelcastNode.start(HazelcastNode.config(config.cluster(), c -> { }));
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    List<Alert> alerts = new CopyOnWriteArrayList<>();
    Bus.listen(vertx, Addresses.ALERTS, Alert.class, alerts::add).completion().await(10, TimeUnit.SECONDS);
    vertx.deployVerticle(new TelephonyBridge(config, hz, metrics, Duration.ofMillis(1500)))
        .await(20, TimeUnit.SECONDS);
    BridgeTestNodes.await(() -> metrics.find("attune.ami.resyncs").counter() != null);

    sim.close().await(10, TimeUnit.SECONDS); // the PBX is gone

    BridgeTestNodes.await(() -> !alerts.isEmpty());
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(Alert.AMI_DOWN);
      assertThat(a.text()).isEqualTo("127.0.0.1:" + sim.port());
      assertThat(a.id()).isNotBlank();
    });
  }
}
