package dev.attune.bench;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.app.AttuneNode;
import dev.attune.assist.web.PasswordHash;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.store.DurableStores;
import dev.attune.core.store.MapNames;
import dev.attune.sim.PbxSimulator;
import dev.attune.sim.SimulatorOptions;
import dev.attune.sim.traffic.IntendedCall;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A long busy run, to see what grows: {@code nodes} Attune nodes in this JVM (one cluster, one embedded database) on
 * a simulated PBX offering {@code rate} calls a minute with audio taps, for {@code minutes}. Inside it the AMI link is
 * cut twice and one member is stopped and started again. Each minute, after a GC: heap in use, live threads, open
 * sockets, the cluster maps' sizes and the worst event-loop delay of the first node. At the end arrivals stop, the
 * calls in progress end, and every call the PBX ended after the bridge first logged in must have its row.
 *
 * <p>Prints one JSON line: start and end of each figure and its slope per minute (least squares over the samples
 * after the first two minutes' warm-up), the calls and the calls lost. It fails (exit 1) when a call is lost or a
 * figure grows without bound: its last third of samples above its middle third by more than a quarter plus a slack
 * ({@link #SLACK}). The in-memory history is left out of that test (it keeps a day of calls by design,
 * {@code maxIdle} 24 h) and reported with its slope. Args: [minutes=20] [callsPerMinute=60] [nodes=2].
 */
public final class SoakBench {
  /** How much a figure may rise between the middle and the last third of the run beyond 25 % and still be flat. */
  private static final Map<String, Double> SLACK = Map.of("heapMb", 64.0, "threads", 12.0, "sockets", 24.0,
      "liveCalls", 30.0, "eventLoopDelayMs", 50.0, "commitments", 50.0, "alerts", 50.0);

  private SoakBench() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(2); // a node's threads would keep the JVM alive
    }
  }

  private static void run(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    // Asterisk-Java warns on every short Originate (the audio taps') and logs its own bridge bookkeeping as errors
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.asteriskjava"))
        .setLevel(ch.qos.logback.classic.Level.OFF);
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    double rate = args.length > 1 ? Double.parseDouble(args[1]) : 60;
    int nodeCount = args.length > 2 ? Integer.parseInt(args[2]) : 2;

    Path dataDir = Files.createTempDirectory("attune-soak");
    Path users = dataDir.resolve("users.yaml");
    Files.writeString(users, "users:\n  - username: soak\n    passwordHash: \""
        + PasswordHash.hash("soak-password".toCharArray()) + "\"\n    role: supervisor\n");
    Vertx pbxVertx = Vertx.vertx();
    String secret = UUID.randomUUID().toString();
    // one agent per call a minute: a call holds an agent about 40 s (ring, 8-48 s talk, hold, wrap-up), so the floor
    // keeps up and live calls stay level; fewer agents build a queue whose growth would hide a real leak
    int agents = Math.max(10, (int) rate);
    PbxSimulator sim = PbxSimulator.start(pbxVertx, new SimulatorOptions("127.0.0.1", 0, "attune", secret, null,
        false, rate, 42, List.of("support", "sales"), agents, true)).await(30, TimeUnit.SECONDS);
    int clusterPort = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("ATTUNE_HTTP_HOST", "127.0.0.1");
    env.put("ATTUNE_HTTP_PORT", "0");
    env.put("ATTUNE_CLUSTER_NAME", "soak-" + UUID.randomUUID());
    env.put("ATTUNE_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("ATTUNE_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
    env.put("ATTUNE_AMI_HOST", "127.0.0.1");
    env.put("ATTUNE_AMI_PORT", String.valueOf(sim.port()));
    env.put("ATTUNE_AMI_SECRET", secret);
    env.put("ATTUNE_AUTH_JWT_SECRET", UUID.randomUUID().toString() + UUID.randomUUID());
    env.put("ATTUNE_AUTH_USERS_FILE", users.toString());
    env.put("ATTUNE_AUDIOSOCKET_PORT", "0");
    env.put("ATTUNE_FASTAGI_PORT", "0");
    env.put("ATTUNE_DATA_DIR", dataDir.resolve("data").toString());
    AttuneConfig config = AttuneConfig.load(Path.of("config/attune.yaml"), env);
    List<AttuneNode> nodes = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      nodes.add(start(config));
    }
    // calls the PBX finished before any bridge logged in were never seen: they are not ours to lose
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (nodes.stream().noneMatch(n -> n.registry().find(MetricNames.AMI_CONNECTED).gauges().stream()
        .anyMatch(g -> g.value() == 1))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no node logged in to the PBX within 2 minutes");
      }
      Thread.sleep(100);
    }
    Set<String> beforeLogin = sim.finishedCalls().await(10, TimeUnit.SECONDS).stream().map(IntendedCall::callId)
        .collect(Collectors.toSet());

    AtomicLong worstDelayNanos = new AtomicLong();
    watchEventLoop(nodes.get(0).vertx(), worstDelayNanos);
    List<Map<String, Double>> samples = new ArrayList<>();
    for (int minute = 1; minute <= minutes; minute++) {
      Thread.sleep(60_000);
      if (minute == Math.max(1, minutes / 4) || minute == Math.max(2, minutes * 3 / 5)) {
        sim.dropConnections(); // an AMI cut: the owner reconnects and resyncs
      }
      if (minute == Math.max(2, minutes / 2) && nodes.size() > 1) { // a member stopped and started again
        AttuneNode last = nodes.remove(nodes.size() - 1);
        last.stop().await(60, TimeUnit.SECONDS);
        nodes.add(start(config));
      }
      Map<String, Double> s = sample(nodes.get(0).hazelcast(), worstDelayNanos.getAndSet(0));
      samples.add(s);
      System.out.printf(Locale.ROOT, "minute %d: %s%n", minute, s);
    }

    sim.stopArrivals();
    long drainBy = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    HazelcastInstance hz = nodes.get(0).hazelcast();
    while ((hz.getMap(MapNames.LIVE_CALLS).size() > 0) && System.nanoTime() < drainBy) {
      Thread.sleep(1000);
    }
    Thread.sleep(5000); // the last records' write-through
    List<IntendedCall> finished = sim.finishedCalls().await(10, TimeUnit.SECONDS);
    Set<String> recorded = rows(config);
    List<String> lost = finished.stream().map(IntendedCall::callId)
        .filter(id -> !beforeLogin.contains(id) && !recorded.contains(id)).toList();
    int calls = (int) finished.stream().filter(c -> !beforeLogin.contains(c.callId())).count();

    for (AttuneNode n : nodes) {
      n.stop().await(60, TimeUnit.SECONDS);
    }
    sim.close().await(10, TimeUnit.SECONDS);
    pbxVertx.close().await(10, TimeUnit.SECONDS);

    Map<String, Object> figures = new LinkedHashMap<>();
    List<String> growing = new ArrayList<>();
    for (String name : samples.get(0).keySet()) {
      double[] series = samples.stream().mapToDouble(m -> m.get(name)).toArray();
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("start", round(series[Math.min(2, series.length - 1)]));
      f.put("end", round(series[series.length - 1]));
      f.put("slopePerMin", round(slope(series, Math.min(2, series.length - 1))));
      figures.put(name, f);
      if (SLACK.containsKey(name) && grows(series, SLACK.get(name))) {
        growing.add(name);
      }
    }
    boolean pass = lost.isEmpty() && growing.isEmpty();
    // main returns through System.exit: the nodes' non-daemon threads are stopped, not waited for
    StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
        "{\"bench\":\"soak\",\"minutes\":%d,\"callsPerMinute\":%.0f,\"nodes\":%d,\"amiCuts\":2,\"memberRestarts\":%d,"
            + "\"calls\":%d,\"lost\":%d", minutes, rate, nodeCount, nodeCount > 1 ? 1 : 0, calls, lost.size()));
    figures.forEach((name, f) -> json.append(",\"").append(name).append("\":").append(toJson((Map<?, ?>) f)));
    json.append(",\"growing\":").append(growing.stream().map(g -> "\"" + g + "\"")
        .collect(Collectors.joining(",", "[", "]"))).append(",\"pass\":").append(pass).append('}');
    if (!lost.isEmpty()) {
      System.out.println("lost calls: " + lost.subList(0, Math.min(20, lost.size())));
    }
    System.out.println(json); // last line
    System.exit(pass ? 0 : 1);
  }

  private static AttuneNode start(AttuneConfig config) throws Exception {
    AttuneNode node = new AttuneNode(config, Path.of("config").toAbsolutePath());
    node.start().await(120, TimeUnit.SECONDS);
    return node;
  }

  /** The worst lateness of a 100 ms timer on the event loop, kept until the next sample takes it. */
  private static void watchEventLoop(Vertx vertx, AtomicLong worst) {
    long[] due = {System.nanoTime() + 100_000_000L};
    vertx.setPeriodic(100, id -> {
      long late = System.nanoTime() - due[0];
      worst.accumulateAndGet(Math.max(0, late), Math::max);
      due[0] = System.nanoTime() + 100_000_000L;
    });
  }

  private static Map<String, Double> sample(HazelcastInstance hz, long worstDelayNanos) throws IOException {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("heapMb", (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
    s.put("threads", (double) ManagementFactory.getThreadMXBean().getThreadCount());
    s.put("sockets", (double) openSockets());
    s.put("eventLoopDelayMs", worstDelayNanos / 1e6);
    s.put("liveCalls", (double) hz.getMap(MapNames.LIVE_CALLS).size());
    s.put("commitments", (double) hz.getMap(MapNames.COMMITMENTS).size());
    s.put("alerts", (double) hz.getMap(MapNames.ALERTS).size());
    s.put("historyInMemory", (double) hz.getMap(MapNames.CALL_HISTORY).size());
    s.put("cardsInMemory", (double) hz.getMap(MapNames.GUIDANCE_CARDS).size());
    return s;
  }

  /** Sockets this process has open (Linux: the fds under /proc/self/fd that link to socket:[...]). */
  private static long openSockets() throws IOException {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().startsWith("socket:");
        } catch (IOException e) {
          return false; // closed while we looked
        }
      }).count();
    }
  }

  private static Set<String> rows(AttuneConfig config) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection(DurableStores.jdbcUrl(config));
         Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT k FROM call_history")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** Least-squares slope per sample (a minute) from {@code from} on. */
  static double slope(double[] y, int from) {
    int n = y.length - from;
    if (n < 2) {
      return 0;
    }
    double mx = 0;
    double my = 0;
    for (int i = from; i < y.length; i++) {
      mx += i;
      my += y[i];
    }
    mx /= n;
    my /= n;
    double num = 0;
    double den = 0;
    for (int i = from; i < y.length; i++) {
      num += (i - mx) * (y[i] - my);
      den += (i - mx) * (i - mx);
    }
    return num / den;
  }

  /** Still rising at the end: the last third's mean over the middle third's by more than 25 % plus {@code slack}. */
  static boolean grows(double[] y, double slack) {
    int third = y.length / 3;
    if (third < 1) {
      return false;
    }
    double middle = mean(y, third, 2 * third);
    double last = mean(y, y.length - third, y.length);
    return last > middle * 1.25 + slack;
  }

  private static double mean(double[] y, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += y[i];
    }
    return sum / Math.max(1, to - from);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static String toJson(Map<?, ?> m) {
    return m.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
