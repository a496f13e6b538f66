package dev.attune.bench;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.assist.AgentAssist;
import dev.attune.assist.web.PasswordHash;
import dev.attune.assist.web.Role;
import dev.attune.assist.web.UserAccount;
import dev.attune.assist.web.UserDirectory;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Bus;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.config.AttuneConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Call event published on the clustered event bus → frame received by each browser WebSocket that may see it, for
 * 200 agents (each sees only their calls) and 5 supervisors (see all), on a real node (embedded Hazelcast, clustered
 * Vert.x, the real {@code /ws} with tokens and per-viewer filtering). Baseline, same run and load: the naive design of
 * one event-bus consumer per socket, filtering in each consumer, with no authentication.
 *
 * <p>{@code java -cp bench/target/attune-bench.jar dev.attune.bench.WebSocketPushBench [agents] [rounds]}
 */
public final class WebSocketPushBench {
  private static final int SUPERVISORS = 5;
  private static final long ROUND_GAP_MS = 100;

  public static void main(String[] args) throws Exception {
    int agents = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    BenchNode node = BenchNode.start(27701, Map.of());
    AttuneConfig config = node.config();
    HazelcastInstance hz = node.hazelcast();
    Vertx server = node.vertx();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx clients = Vertx.vertx();
    try {
      String hash = PasswordHash.hash("bench-password".toCharArray());
      List<UserAccount> accounts = new ArrayList<>();
      for (int i = 0; i < agents; i++) {
        accounts.add(new UserAccount("a" + i, hash, Role.AGENT, agentId(i)));
      }
      for (int i = 0; i < SUPERVISORS; i++) {
        accounts.add(new UserAccount("s" + i, hash, Role.SUPERVISOR, ""));
      }
      AgentAssist assist = new AgentAssist(config, hz, registry).withUsers(UserDirectory.of(accounts));
      server.deployVerticle(assist).await(30, TimeUnit.SECONDS);
      NaiveFeed naive = new NaiveFeed(server);
      int naivePort = naive.start().await(30, TimeUnit.SECONDS).actualPort();
      // A warm-up pass of each first, so neither side pays for the JIT in its measured pass.
      run("warm-up ours", server, clients, assist.httpPort(), agents, Math.max(1, rounds / 3), true);
      run("warm-up baseline", server, clients, naivePort, agents, Math.max(1, rounds / 3), false);
      Map<String, Double> ours = run("ours", server, clients, assist.httpPort(), agents, rounds, true);
      Map<String, Double> baseline = run("baseline", server, clients, naivePort, agents, rounds, false);

      JsonObject result = new JsonObject().put("bench", "ws-push").put("agents", agents).put("supervisors", SUPERVISORS)
          .put("events", agents * rounds).put("ours", new JsonObject(new HashMap<>(ours)))
          .put("baseline_consumer_per_socket", new JsonObject(new HashMap<>(baseline)));
      System.out.println(result.encode());
    } finally {
      clients.close().await(10, TimeUnit.SECONDS);
      node.close();
    }
  }

  private static String agentId(int i) {
    return "PJSIP/agent" + (1000 + i);
  }

  /** Opens every socket, publishes {@code rounds} × one event per agent, returns latency figures. */
  private static Map<String, Double> run(String name, Vertx server, Vertx clients, int port, int agents, int rounds,
                                         boolean authenticated) throws Exception {
    // Vert.x allows 50 WebSockets per server by default; a browser fleet is one socket per user.
    WebSocketClient ws = clients.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10_000));
    WebClient http = WebClient.create(clients);
    int sockets = agents + SUPERVISORS;
    long expected = (long) agents * rounds * (1 + SUPERVISORS); // each event: its agent + every supervisor
    long[] agentLatencies = new long[agents * rounds];
    long[] supervisorLatencies = new long[agents * rounds * SUPERVISORS];
    AtomicLong agentCount = new AtomicLong();
    AtomicLong supervisorCount = new AtomicLong();
    AtomicLong wrong = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    AtomicLong received = new AtomicLong();
    List<Future<?>> opened = new ArrayList<>();
    for (int i = 0; i < sockets; i++) {
      boolean supervisor = i >= agents;
      String user = supervisor ? "s" + (i - agents) : "a" + i;
      String mine = supervisor ? null : agentId(i);
      Future<String> uri = authenticated
          ? http.post(port, "127.0.0.1", "/api/login")
              .sendJsonObject(new JsonObject().put("username", user).put("password", "bench-password"))
              .map(r -> "/ws?token=" + r.bodyAsJsonObject().getString("token"))
          : Future.succeededFuture("/ws?agent=" + (supervisor ? "" : mine));
      opened.add(uri.compose(u -> ws.connect(port, "127.0.0.1", u)).onSuccess(socket -> socket.textMessageHandler(text -> {
        JsonObject frame = new JsonObject(text);
        if (!"call".equals(frame.getString("type"))) {
          return;
        }
        long latency = ChronoUnit.NANOS.between(Instant.parse(frame.getJsonObject("event").getString("at")),
            Instant.now()); // the bench publishes with the wall clock of this process
        if (supervisor) {
          supervisorLatencies[(int) supervisorCount.getAndIncrement()] = latency;
        } else {
          if (!mine.equals(frame.getJsonObject("call").getString("agent"))) {
            wrong.incrementAndGet();
          }
          agentLatencies[(int) agentCount.getAndIncrement()] = latency;
        }
        if (received.incrementAndGet() == expected) {
          done.countDown();
        }
      })));
    }
    Future.all(opened).await(120, TimeUnit.SECONDS);
    Thread.sleep(500); // let consumer registrations settle before measuring (setup, not a wait for a result)
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < agents; i++) {
        String callId = "pbx:" + round + "." + i;
        Instant now = Instant.now();
        LiveCall call = new LiveCall(callId, callId, "+1555" + i, "", Direction.INBOUND, "support", agentId(i),
            CallState.ANSWERED, now, now, now, null, 0, 0, 0, now);
        Bus.publish(server, Addresses.CALL_EVENTS,
            new CallEventMessage(new CallAnswered(callId, now, agentId(i), "support", 0), call));
      }
      Thread.sleep(ROUND_GAP_MS); // pacing: one event per agent every 100 ms
    }
    boolean complete = done.await(60, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    ws.close();
    Map<String, Double> figures = new HashMap<>();
    long[] a = Arrays.copyOf(agentLatencies, (int) agentCount.get());
    long[] s = Arrays.copyOf(supervisorLatencies, (int) supervisorCount.get());
    figures.put("agent_p50_ms", Percentiles.ms(a, 0.50));
    figures.put("agent_p99_ms", Percentiles.ms(a, 0.99));
    figures.put("supervisor_p50_ms", Percentiles.ms(s, 0.50));
    figures.put("supervisor_p99_ms", Percentiles.ms(s, 0.99));
    figures.put("max_ms", Math.max(Percentiles.ms(a, 1.0), Percentiles.ms(s, 1.0)));
    figures.put("frames_per_s", received.get() / seconds);
    figures.put("frames_missing", (double) (expected - received.get()));
    figures.put("frames_to_wrong_agent", (double) wrong.get());
    System.out.println(name + ": " + figures + (complete ? "" : " (incomplete)"));
    return figures;
  }


  /** The baseline: one clustered consumer per socket, each filtering every event itself. */
  private static final class NaiveFeed {
    private final Vertx vertx;

    NaiveFeed(Vertx vertx) {
      this.vertx = vertx;
    }

    Future<HttpServer> start() {
      return vertx.createHttpServer().webSocketHandler(socket -> {
        String agent = socket.query() == null ? "" : socket.query().replace("agent=", "");
        MessageConsumer<CallEventMessage> consumer = vertx.eventBus().consumer(Addresses.CALL_EVENTS, m -> {
          CallEventMessage body = m.body();
          if (agent.isEmpty() || agent.equals(body.call().agent())) {
            socket.writeTextMessage(Json.frame("call", body));
          }
        });
        socket.closeHandler(v -> consumer.unregister());
      }).listen(0, "127.0.0.1");
    }
  }
}
