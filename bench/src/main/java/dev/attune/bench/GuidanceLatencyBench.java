package dev.attune.bench;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.assist.AgentAssist;
import dev.attune.assist.guidance.RulePacks;
import dev.attune.assist.guidance.UtteranceRules;
import dev.attune.assist.web.PasswordHash;
import dev.attune.assist.web.Role;
import dev.attune.assist.web.UserAccount;
import dev.attune.assist.web.UserDirectory;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.calls.Party;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.MapNames;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Transcript segment in → guidance card on the agent's screen, for 200 concurrent calls on a real node (embedded
 * Hazelcast, clustered Vert.x, the real {@code /ws}): each agent's browser sends a segment of their call over the
 * WebSocket, the intake publishes it on the cluster bus, the call's coach runs the rule packs and publishes the card,
 * the web edge pushes it to that agent. Baseline, same sockets, same pacing, same run: a WebSocket ping → pong round
 * trip (the transport alone). Rules evaluated per second on their own: {@code GuidanceRulesBench}.
 *
 * <p>{@code java -cp bench/target/attune-bench.jar dev.attune.bench.GuidanceLatencyBench [calls] [rounds] [gapMs] [burst]}
 */
public final class GuidanceLatencyBench {
  /** Triggers exactly one wording card and no promise (checked before measuring). */
  static final String TEXT = "calm down sir";
  /**
   * One segment per call every 500 ms (both parties of a lively call finishing a phrase about every second), the
   * calls' segments spread evenly over that time.
   */
  private static long roundGapMs = 500;
  /** "burst": every call sends at the same instant each round (the worst case) instead of spread out. */
  private static boolean burst;
  /** Held for the whole run: Vert.x closes an unreferenced client and its sockets at some GC. */
  private static WebSocketClient ws;

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    roundGapMs = args.length > 2 ? Long.parseLong(args[2]) : roundGapMs;
    burst = args.length > 3 && args[3].equals("burst");
    // every segment gets its card: we measure the path, not the cool-down
    BenchNode node = BenchNode.start(27801, Map.of("ATTUNE_ASSIST_COOLDOWN_SECONDS", "0"));
    AttuneConfig config = node.config();
    UtteranceRules rules = new UtteranceRules(RulePacks.load(config.assist().guidanceDir()));
    int cardsPerSegment = rules.check(TEXT, Party.AGENT, "en").size();
    if (cardsPerSegment != 1) {
      throw new IllegalStateException("the bench text must trigger exactly one card, got " + cardsPerSegment);
    }

    HazelcastInstance hz = node.hazelcast();
    Vertx server = node.vertx();
    Vertx clients = Vertx.vertx();
    try {
      String hash = PasswordHash.hash("bench-password".toCharArray());
      List<UserAccount> accounts = new ArrayList<>();
      Instant now = Instant.now();
      for (int i = 0; i < calls; i++) {
        accounts.add(new UserAccount("a" + i, hash, Role.AGENT, agentId(i)));
        hz.getMap(MapNames.LIVE_CALLS).set(callId(i), new LiveCall(callId(i), i + ".1", "+1555" + (100000 + i),
            "Caller " + i, Direction.INBOUND, "support", agentId(i), CallState.ANSWERED, now, now, now, null, 0, 0, 0, now));
      }
      AgentAssist assist = new AgentAssist(config, hz, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
          .withUsers(UserDirectory.of(accounts));
      server.deployVerticle(assist).await(30, TimeUnit.SECONDS);
      List<WebSocket> sockets = new ArrayList<>();
      List<Queue<Long>> sent = new ArrayList<>();
      List<long[]> latencies = new ArrayList<>();
      AtomicLong received = new AtomicLong();
      open(clients, assist.httpPort(), calls, sockets, sent, received, latencies);

      run("warm-up ours", sockets, sent, received, latencies, Math.max(1, rounds / 3), true);
      run("warm-up baseline", sockets, sent, received, latencies, Math.max(1, rounds / 3), false);
      Map<String, Double> ours = run("ours", sockets, sent, received, latencies, rounds, true);
      Map<String, Double> baseline = run("baseline", sockets, sent, received, latencies, rounds, false);

      JsonObject result = new JsonObject().put("bench", "guidance-latency").put("calls", calls)
          .put("segments", calls * rounds).put("segment_every_ms_per_call", roundGapMs).put("arrivals", burst ? "burst" : "spread").put("ours_segment_to_card", new JsonObject(new HashMap<>(ours)))
          .put("baseline_ws_ping_pong", new JsonObject(new HashMap<>(baseline)));
      System.out.println(result.encode());
    } finally {
      clients.close().await(10, TimeUnit.SECONDS);
      node.close();
    }
  }

  private static String agentId(int i) {
    return "PJSIP/agent" + (1000 + i);
  }

  private static String callId(int i) {
    return "pbx:" + i + ".1";
  }

  /** One agent socket per call; each incoming card (or pong) closes the oldest open send on that socket. */
  private static void open(Vertx clients, int port, int calls, List<WebSocket> sockets, List<Queue<Long>> sent,
                           AtomicLong received, List<long[]> latencies) throws Exception {
    ws = clients.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10_000));
    WebClient http = WebClient.create(clients);
    List<Future<WebSocket>> opened = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      Queue<Long> mine = new ConcurrentLinkedQueue<>();
      sent.add(mine);
      String user = "a" + i;
      opened.add(http.post(port, "127.0.0.1", "/api/login")
          .sendJsonObject(new JsonObject().put("username", user).put("password", "bench-password"))
          .compose(r -> ws.connect(port, "127.0.0.1", "/ws?token=" + r.bodyAsJsonObject().getString("token")))
          .onSuccess(socket -> socket.textMessageHandler(text -> {
            String type = new JsonObject(text).getString("type");
            if ("guidance".equals(type) || "pong".equals(type)) {
              Long start = mine.poll();
              if (start != null) {
                long[] bucket = latencies.get(0);
                int at = (int) received.getAndIncrement();
                if (at < bucket.length) {
                  bucket[at] = System.nanoTime() - start;
                }
              }
            }
          })));
    }
    Future.all(opened).await(120, TimeUnit.SECONDS);
    for (Future<WebSocket> f : opened) {
      sockets.add(f.result());
    }
  }

  private static Map<String, Double> run(String name, List<WebSocket> sockets, List<Queue<Long>> sent,
                                         AtomicLong received, List<long[]> latencies, int rounds, boolean segments)
      throws Exception {
    int expected = sockets.size() * rounds;
    latencies.clear();
    latencies.add(new long[expected]);
    received.set(0);
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < sockets.size(); i++) {
        String frame = segments
            ? new JsonObject().put("type", "transcript").put("callId", callId(i)).put("segment",
                new JsonObject().put("party", "agent").put("text", TEXT).put("lang", "en")).encode()
            : "{\"type\":\"ping\"}";
        sent.get(i).add(System.nanoTime());
        sockets.get(i).writeTextMessage(frame);
        if (!burst) { // calls do not speak in step: spread each round's segments evenly over the gap
          java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(roundGapMs) / sockets.size());
        }
      }
      if (burst) {
        Thread.sleep(roundGapMs);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (received.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] got = Arrays.copyOf(latencies.get(0), (int) Math.min(expected, received.get()));
    sent.forEach(Queue::clear);
    Map<String, Double> figures = new HashMap<>();
    figures.put("p50_ms", Percentiles.ms(got, 0.50));
    figures.put("p99_ms", Percentiles.ms(got, 0.99));
    figures.put("max_ms", Percentiles.ms(got, 1.0));
    figures.put("per_s", received.get() / seconds);
    figures.put("missing", (double) (expected - got.length));
    System.out.println(name + ": " + figures);
    return figures;
  }

}
