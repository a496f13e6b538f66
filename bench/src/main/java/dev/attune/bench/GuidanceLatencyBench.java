package dev.attune.bench;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.assist.AgentAssist;
import dev.attune.assist.guidance.RulePacks;
import dev.attune.assist.guidance.SemanticRecall;
import dev.attune.assist.guidance.SentenceModel;
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
 * <p>{@code model}: the segment is a paraphrase only the sentence model recalls (no phrase of the packs matches it),
 * so the card measured is the model's, after its worker. A third phase sends every call's segment at the same
 * instant each round with a ping beside each: what a burst of coaching does to the sockets' round trip.
 *
 * <p>{@code java -cp bench/target/attune-bench.jar dev.attune.bench.GuidanceLatencyBench [calls] [rounds] [gapMs]
 * [burst] [model]}
 */
public final class GuidanceLatencyBench {
  /** Triggers exactly one wording card and no promise (checked before measuring). */
  static final String RULE_TEXT = "calm down sir";
  /** Triggers no phrase rule and exactly one card from the sentence model (checked before measuring). */
  static final String MODEL_TEXT = "The shop that sold you the phone should have explained that, it's a retail matter.";
  private static String text = RULE_TEXT;
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
    List<String> flags = Arrays.asList(args).subList(Math.min(args.length, 3), args.length);
    burst = flags.contains("burst");
    boolean model = flags.contains("model");
    text = model ? MODEL_TEXT : RULE_TEXT;
    // every segment gets its card: we measure the path, not the cool-down
    BenchNode node = BenchNode.start(27801, Map.of("ATTUNE_ASSIST_COOLDOWN_SECONDS", "0",
        "ATTUNE_ASSIST_SEMANTIC_RECALL", String.valueOf(model)));
    AttuneConfig config = node.config();
    HazelcastInstance hz = node.hazelcast();
    Vertx server = node.vertx();
    Vertx clients = Vertx.vertx();
    try {
      RulePacks packs = RulePacks.load(config.assist().guidanceDir());
      int ruleCards = new UtteranceRules(packs).check(text, Party.AGENT, "en").size();
      int modelCards = model ? new SemanticRecall(() -> packs, SentenceModel::bgeSmallShared)
          .findings(text, Party.AGENT, "en").size() : 0;
      if (ruleCards + modelCards != 1 || model && modelCards != 1) {
        throw new IllegalStateException("the bench text must trigger exactly one card (from the "
            + (model ? "model" : "rules") + "), got " + ruleCards + " from the rules and " + modelCards + " from the model");
      }
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
      Probes cards = new Probes();
      Probes pongs = new Probes();
      open(clients, assist.httpPort(), calls, sockets, cards, pongs);

      run("warm-up ours", sockets, cards, pongs, Math.max(1, rounds / 3), true, false);
      run("warm-up baseline", sockets, cards, pongs, Math.max(1, rounds / 3), false, true);
      Map<String, Double> ours = run("ours", sockets, cards, pongs, rounds, true, false).get(0);
      Map<String, Double> baseline = run("baseline", sockets, cards, pongs, rounds, false, true).get(1);

      JsonObject result = new JsonObject().put("bench", "guidance-latency").put("calls", calls)
          .put("segments", calls * rounds).put("segment_every_ms_per_call", roundGapMs)
          .put("arrivals", burst ? "burst" : "spread").put("card_from", model ? "sentence model" : "phrase rules")
          .put("ours_segment_to_card", new JsonObject(new HashMap<>(ours)))
          .put("baseline_ws_ping_pong", new JsonObject(new HashMap<>(baseline)));
      { // every call's segment at once, a ping beside each: the sockets while the coach works a burst
        boolean spread = burst;
        burst = true;
        List<Map<String, Double>> both = run("ping under a burst", sockets, cards, pongs, rounds, true, true);
        burst = spread;
        result.put("burst_segment_to_card", new JsonObject(new HashMap<>(both.get(0))))
            .put("burst_ws_ping_pong", new JsonObject(new HashMap<>(both.get(1))))
            .put("ping_p99_under_burst_vs_baseline", both.get(1).get("p99_ms") / baseline.get("p99_ms"));
      }
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

  /** Send times waiting for their answer, per socket, and the round trips measured so far. */
  private static final class Probes {
    final List<Queue<Long>> sent = new ArrayList<>();
    volatile long[] latencies = new long[0];
    final AtomicLong received = new AtomicLong();

    void reset(int expected) {
      sent.forEach(Queue::clear);
      latencies = new long[expected];
      received.set(0);
    }

    void answered(int socket) {
      Long start = sent.get(socket).poll();
      if (start != null) {
        long[] bucket = latencies;
        int at = (int) received.getAndIncrement();
        if (at < bucket.length) {
          bucket[at] = System.nanoTime() - start;
        }
      }
    }

    Map<String, Double> figures(int expected, double seconds) {
      long[] got = Arrays.copyOf(latencies, (int) Math.min(expected, received.get()));
      Map<String, Double> figures = new HashMap<>();
      figures.put("p50_ms", Percentiles.ms(got, 0.50));
      figures.put("p99_ms", Percentiles.ms(got, 0.99));
      figures.put("max_ms", Percentiles.ms(got, 1.0));
      figures.put("per_s", received.get() / seconds);
      figures.put("missing", (double) (expected - got.length));
      return figures;
    }
  }

  /** One agent socket per call; an incoming card closes the oldest open segment on it, a pong the oldest ping. */
  private static void open(Vertx clients, int port, int calls, List<WebSocket> sockets, Probes cards, Probes pongs)
      throws Exception {
    ws = clients.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10_000));
    WebClient http = WebClient.create(clients);
    List<Future<WebSocket>> opened = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      cards.sent.add(new ConcurrentLinkedQueue<>());
      pongs.sent.add(new ConcurrentLinkedQueue<>());
      int socket = i;
      opened.add(http.post(port, "127.0.0.1", "/api/login")
          .sendJsonObject(new JsonObject().put("username", "a" + i).put("password", "bench-password"))
          .compose(r -> ws.connect(port, "127.0.0.1", "/ws?token=" + r.bodyAsJsonObject().getString("token")))
          .onSuccess(ws -> ws.textMessageHandler(text -> {
            String type = new JsonObject(text).getString("type");
            if ("guidance".equals(type)) {
              cards.answered(socket);
            } else if ("pong".equals(type)) {
              pongs.answered(socket);
            }
          })));
    }
    Future.all(opened).await(120, TimeUnit.SECONDS);
    for (Future<WebSocket> f : opened) {
      sockets.add(f.result());
    }
  }

  /** Rounds of a segment and/or a ping on every socket; the figures of each: [segments, pings]. */
  private static List<Map<String, Double>> run(String name, List<WebSocket> sockets, Probes cards, Probes pongs,
                                               int rounds, boolean segments, boolean pings) throws Exception {
    int expected = sockets.size() * rounds;
    cards.reset(segments ? expected : 0);
    pongs.reset(pings ? expected : 0);
    List<String> frames = new ArrayList<>(); // each call's segment frame, built before the clock runs
    for (int i = 0; i < sockets.size(); i++) {
      frames.add(new JsonObject().put("type", "transcript").put("callId", callId(i)).put("segment",
          new JsonObject().put("party", "agent").put("text", text).put("lang", "en")).encode());
    }
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < sockets.size(); i++) {
        if (segments) {
          cards.sent.get(i).add(System.nanoTime());
          sockets.get(i).writeTextMessage(frames.get(i));
        }
        if (pings) {
          pongs.sent.get(i).add(System.nanoTime());
          sockets.get(i).writeTextMessage("{\"type\":\"ping\"}");
        }
        if (!burst) { // calls do not speak in step: spread each round's segments evenly over the gap
          java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(roundGapMs) / sockets.size());
        }
      }
      if (burst) {
        Thread.sleep(roundGapMs);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ((cards.received.get() < (segments ? expected : 0) || pongs.received.get() < (pings ? expected : 0))
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Double> segmentFigures = cards.figures(segments ? expected : 0, seconds);
    Map<String, Double> pingFigures = pongs.figures(pings ? expected : 0, seconds);
    System.out.println(name + ": segments " + segmentFigures + " pings " + pingFigures);
    return List.of(segmentFigures, pingFigures);
  }
}
