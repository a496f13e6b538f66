package dev.attune.app;

import com.hazelcast.core.Hazelcast;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.testing.FreePorts;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Real Attune nodes for tests, in this JVM: the repository's config/attune.yaml with environment overrides for a
 * random cluster name, loopback ports chosen by the OS, the test accounts (src/test/resources/test-users.yaml) and a
 * PBX address that refuses connections, so the only call traffic is what a test puts on the map and the bus itself.
 */
final class TestCluster implements AutoCloseable {
  static final String PASSWORD = "test-password-1";
  static final String JWT_SECRET = "test-secret-test-secret-test-secret-0123";

  private final String name = "attune-test-" + UUID.randomUUID();
  private final int clusterPort = FreePorts.block(20); // members take the ports after the first in turn
  private final List<AttuneNode> nodes = new java.util.concurrent.CopyOnWriteArrayList<>(); // nodes may start in parallel
  private final Path dataDir;

  TestCluster() throws IOException {
    dataDir = Files.createTempDirectory("attune-test-data");
  }

  static Path projectDir() {
    return Path.of(System.getProperty("attune.project.dir", "..")).toAbsolutePath().normalize();
  }

  static Path testUsers() {
    return projectDir().resolve("app/src/test/resources/test-users.yaml");
  }

  /** The environment a test node (or the jar as a child process) runs with. */
  Map<String, String> environment() throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("ATTUNE_HTTP_HOST", "127.0.0.1");
    env.put("ATTUNE_HTTP_PORT", "0");
    env.put("ATTUNE_CLUSTER_NAME", name);
    env.put("ATTUNE_CLUSTER_HOST", "127.0.0.1");
    env.put("ATTUNE_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("ATTUNE_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
    env.put("ATTUNE_AMI_HOST", "127.0.0.1");
    env.put("ATTUNE_AMI_PORT", String.valueOf(closedPort()));
    env.put("ATTUNE_AMI_SECRET", "not-used");
    env.put("ATTUNE_AUTH_JWT_SECRET", JWT_SECRET);
    env.put("ATTUNE_AUTH_USERS_FILE", testUsers().toString());
    env.put("ATTUNE_AUDIOSOCKET_PORT", "0");
    env.put("ATTUNE_FASTAGI_PORT", "0");
    env.put("ATTUNE_DATA_DIR", dataDir.toString());
    return env;
  }

  /**
   * The environment with the center's zone set where it is now about midday, for a test whose figures are "today":
   * its calls of the last half hour then fall on the same day however close to midnight the run is.
   */
  Map<String, String> atMidday() throws IOException {
    return atMidday(environment());
  }

  /** {@code env} with the center's zone set where it is now about midday (see {@link #atMidday()}). */
  static Map<String, String> atMidday(Map<String, String> env) {
    env.put("ATTUNE_COMMITMENTS_TIMEZONE", middayZone().getId());
    return env;
  }

  /** A whole-hour zone (IANA {@code Etc/GMT∓N}, which browsers also read) in which the time now is 12:xx. */
  static java.time.ZoneId middayZone() {
    int offset = 12 - java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).getHour(); // -11 .. +12
    return java.time.ZoneId.of(offset == 0 ? "Etc/UTC" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
  }

  /** The environment with the built-in PBX simulator (real AMI over TCP) and no traffic but what a test asks for. */
  Map<String, String> withBuiltInPbx() throws IOException {
    Map<String, String> env = environment();
    env.put("ATTUNE_AMI_HOST", "");
    env.put("ATTUNE_SIMULATOR_RATE", "0");
    env.put("ATTUNE_SIMULATOR_WRAP_UP_SECONDS", "0"); // a test's next call goes to the agent it expects
    return env;
  }

  AttuneNode startNode() throws Exception {
    return startNode(environment());
  }

  AttuneNode startNode(Map<String, String> env) throws Exception {
    return startNode(env, node -> { });
  }

  /** {@code customize} may add what other capabilities add (health sections, routes, MapStores). */
  AttuneNode startNode(Map<String, String> env, java.util.function.Consumer<AttuneNode> customize) throws Exception {
    Path configDir = projectDir().resolve("config");
    AttuneConfig config = AttuneConfig.load(configDir.resolve("attune.yaml"), env);
    AttuneNode node = new AttuneNode(config, configDir);
    customize.accept(node);
    nodes.add(node);
    try {
      node.start().await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      node.stop().await(30, TimeUnit.SECONDS); // as Main does: a node that did not start leaves the cluster
      throw e;
    }
    return node;
  }

  /** A loopback port nothing listens on (bound, then released). */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    for (AttuneNode node : nodes) {
      node.stop().await(30, TimeUnit.SECONDS);
    }
    // only this cluster's members: another test's cluster may be running in this JVM (a test with two clusters)
    for (com.hazelcast.core.HazelcastInstance member : Hazelcast.getAllHazelcastInstances()) {
      if (name.equals(member.getConfig().getClusterName())) {
        member.shutdown();
      }
    }
  }
}
