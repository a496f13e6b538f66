package dev.attune.bridge;

import dev.attune.core.bus.Bus;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.sim.PbxSimulator;
import dev.attune.sim.SimulatorOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** What the bridge tests share: a node configuration pointed at a simulator, and waiting for a condition. */
final class BridgeTestNodes {
  static final Path PROJECT = Path.of(System.getProperty("attune.project.dir"));
  static final Path TRACES = PROJECT.resolve("testdata").resolve("ami-traces");

  private BridgeTestNodes() {}

  /**
   * The default configuration with the AMI link at the simulator's port (secret {@code s3cret}), a fresh cluster
   * name, FastAGI on a free port, and any extra {@code ATTUNE_*} overrides given as name, value pairs.
   */
  /** A loopback port nothing listens on now (bound, then released): no fixed ports, so runs side by side agree. */
  static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static AttuneConfig config(int amiPort, int clusterPort, String... extraEnv) {
    Map<String, String> env = new HashMap<>(Map.of(
        "ATTUNE_AMI_HOST", "127.0.0.1", "ATTUNE_AMI_PORT", String.valueOf(amiPort), "ATTUNE_AMI_SECRET", "s3cret",
        "ATTUNE_FASTAGI_PORT", "0", "ATTUNE_AUTH_JWT_SECRET", "0123456789abcdef0123456789abcdef",
        "ATTUNE_CLUSTER_NAME", "bridge-test-" + UUID.randomUUID(), "ATTUNE_CLUSTER_PORT", String.valueOf(clusterPort)));
    for (int i = 0; i + 1 < extraEnv.length; i += 2) {
      env.put(extraEnv[i], extraEnv[i + 1]);
    }
    return AttuneConfig.load(PROJECT.resolve("config/attune.yaml"), env);
  }

  /** A simulator (no generated traffic), a Hazelcast member and a bridge logged in to it, resynced and ready. */
  record Running(PbxSimulator sim, HazelcastInstance hazelcast, SimpleMeterRegistry metrics) {}

  /** A Vert.x with the typed bus of a node ({@link Bus#start}): the bridge publishes records. */
  static Vertx typedVertx() {
    Vertx vertx = Vertx.vertx();
    Bus.start(vertx).await();
    return vertx;
  }

  /** A simulator with no generated traffic, AMI user {@code attune} / {@code s3cret} on a free port. */
  static PbxSimulator simulator(Vertx vertx) throws Exception {
    return PbxSimulator.start(vertx, new SimulatorOptions("127.0.0.1", 0, "attune", "s3cret", null, false,
        0, 1, List.of("support", "sales"), 10, false)).await(10, TimeUnit.SECONDS);
  }

  static Running startBridge(Vertx vertx, int clusterPort, String... extraEnv) throws Exception {
    PbxSimulator sim = simulator(vertx);
    AttuneConfig config = config(sim.port(), clusterPort, extraEnv);
    HazelcastInstance hz = HazelcastNode.start(HazelcastNode.config(config.cluster(), c -> { }));
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    vertx.deployVerticle(new TelephonyBridge(config, hz, metrics)).await(20, TimeUnit.SECONDS);
    await(() -> metrics.find("attune.ami.resyncs").counter() != null);
    return new Running(sim, hz, metrics);
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    await(condition, Duration.ofSeconds(30));
  }

  /** Polls until the condition holds; fails with the time it waited. */
  static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
    dev.attune.core.testing.Eventually.until("the condition", within, condition);
  }

}
