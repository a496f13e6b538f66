package dev.attune.bench;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.bus.Bus;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One node's plumbing for the web benches: the repository's {@code config/attune.yaml} with loopback ports and a
 * throw-away data folder, a Hazelcast member and a clustered Vert.x sharing it, as {@code AttuneNode} wires them.
 */
record BenchNode(AttuneConfig config, HazelcastInstance hazelcast, Vertx vertx) implements AutoCloseable {

  /** {@code overrides}: more {@code ATTUNE_*} settings for this bench. */
  static BenchNode start(int clusterPort, Map<String, String> overrides) throws Exception {
    // Only the figures matter here; keep Hazelcast and Netty quiet whatever logback configuration is on the path.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    Map<String, String> env = new HashMap<>();
    env.put("ATTUNE_CLUSTER_NAME", "bench-" + UUID.randomUUID());
    env.put("ATTUNE_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("ATTUNE_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
    env.put("ATTUNE_HTTP_HOST", "127.0.0.1");
    env.put("ATTUNE_HTTP_PORT", "0");
    env.put("ATTUNE_AMI_HOST", "127.0.0.1");
    env.put("ATTUNE_AMI_SECRET", "unused");
    env.put("ATTUNE_AUTH_JWT_SECRET", "bench-secret-bench-secret-bench-secret-00");
    env.put("ATTUNE_DATA_DIR", Files.createTempDirectory("attune-bench").toString());
    env.putAll(overrides);
    AttuneConfig config = AttuneConfig.load(Path.of("config/attune.yaml"), env);
    HazelcastInstance hz = HazelcastNode.start(HazelcastNode.config(config.cluster(), c -> { }));
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1")))
        .withClusterManager(new HazelcastClusterManager(hz)).buildClustered().await(60, TimeUnit.SECONDS);
    Bus.start(vertx).await(10, TimeUnit.SECONDS); // as the node does before deploying its parts
    return new BenchNode(config, hz, vertx);
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    hazelcast.shutdown();
  }
}
