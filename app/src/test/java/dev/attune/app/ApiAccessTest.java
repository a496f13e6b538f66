package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.attune.core.calls.CallOutcome;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.store.MapNames;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API of a real node (embedded Hazelcast, clustered Vert.x, HTTP on a free port): sign-in, the bearer
 * check, roles, and what each viewer may see of calls, history and customers.
 */
class ApiAccessTest {
  private static TestCluster cluster;
  private static AttuneNode node;
  private static Http http;
  private static final AtomicBoolean databaseUp = new AtomicBoolean(true);
  private static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");

  @BeforeAll
  static void startNode() throws Exception {
    cluster = new TestCluster();
    // A stand-in for the store layer's database check, to prove a section can take the node DOWN.
    node = cluster.startNode(cluster.environment(), n -> n.customizeAssist(assist -> assist.withHealth("db",
        () -> Future.succeededFuture(new JsonObject().put("status", databaseUp.get() ? "UP" : "DOWN")))));
    http = new Http(node.httpPort());
    IMap<Object, Object> live = node.hazelcast().getMap(MapNames.LIVE_CALLS);
    live.put("pbx:1001.1", CallFixtures.stored(CallFixtures.answered("pbx:1001.1", "+15550001", "Ann's caller", "support", "PJSIP/agent101", NOW)));
    live.put("pbx:1002.1", CallFixtures.stored(CallFixtures.answered("pbx:1002.1", "+15550002", "Bob's caller", "sales", "PJSIP/agent102", NOW)));
    IMap<Object, Object> history = node.hazelcast().getMap(MapNames.CALL_HISTORY);
    history.put("pbx:900.1", CallFixtures.stored(CallFixtures.ended("pbx:900.1", "+15550001", "PJSIP/agent102", CallOutcome.ANSWERED, NOW.minusSeconds(3600))));
    history.put("pbx:901.1", CallFixtures.stored(CallFixtures.ended("pbx:901.1", "+15550009", "PJSIP/agent101", CallOutcome.ANSWERED, NOW.minusSeconds(600))));
    history.put("pbx:902.1", CallFixtures.stored(CallFixtures.ended("pbx:902.1", "+15550009", null, CallOutcome.ABANDONED, NOW.minusSeconds(60))));
  }

  @AfterAll
  static void stopNode() throws Exception {
    cluster.close();
  }

  @Test
  void loginWithWrongPasswordIsRefused() {
    Http.Response r = http.post("/api/login", null, "{\"username\":\"ann\",\"password\":\"wrong-password\"}");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().getString("message")).isEqualTo("wrong username or password");
    Http.Response unknown = http.post("/api/login", null, "{\"username\":\"nobody\",\"password\":\"wrong-password\"}");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo(r.body());
  }

  @Test
  void repeatedWrongPasswordsLockTheUserForAWhile() {
    String wrong = "{\"username\":\"zed\",\"password\":\"guess\"}";
    for (int i = 0; i < 5; i++) {
      assertThat(http.post("/api/login", null, wrong).status()).isEqualTo(401);
    }
    Http.Response locked = http.post("/api/login", null,
        new JsonObject().put("username", "zed").put("password", TestCluster.PASSWORD).encode());
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    assertThat(http.login("sue", TestCluster.PASSWORD)).isNotBlank(); // other users are unaffected
  }

  /**
   * Forty wrong passwords at once for one user: at most five are checked (the throttle counts an attempt before it
   * hashes), the rest get 429; the same user with the right password from another address still signs in.
   */
  @Test
  void aParallelBurstOfGuessesGetsAtMostFiveCheckedAndLocksOutOnlyItsAddress() throws Exception {
    String wrong = new JsonObject().put("username", "ivy").put("password", "guess").encode();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(40);
    List<Integer> statuses;
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Integer>> sent = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        sent.add(pool.submit(() -> {
          go.await();
          return http.post("/api/login", null, wrong).status();
        }));
      }
      go.countDown();
      statuses = new java.util.ArrayList<>();
      for (var f : sent) {
        statuses.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(statuses).filteredOn(s -> s == 401).hasSizeLessThanOrEqualTo(5);
    assertThat(statuses).filteredOn(s -> s == 429).hasSizeGreaterThanOrEqualTo(35);
    String right = new JsonObject().put("username", "ivy").put("password", TestCluster.PASSWORD).encode();
    assertThat(http.post("/api/login", null, right).status()).as("from the guessing address").isEqualTo(429);
    assertThat(rawPostFrom("127.0.0.2", "/api/login", right)).as("from another address").startsWith("HTTP/1.1 200");
  }

  /** A POST over a socket bound to {@code localAddress} (any 127.x address reaches the loopback listener). */
  private static String rawPostFrom(String localAddress, String path, String body) throws Exception {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.bind(new java.net.InetSocketAddress(localAddress, 0));
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", node.httpPort()), 5000);
      socket.setSoTimeout(20_000);
      byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
          + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().write(bytes);
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void loginReturnsATokenAndTheRole() {
    Http.Response r = http.post("/api/login", null,
        new JsonObject().put("username", "sue").put("password", TestCluster.PASSWORD).encode());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("role")).isEqualTo("supervisor");
    assertThat(r.json().getString("token")).contains(".");
    // the center's zone, in which the screens write dates and times (commitments.timezone; unset: the machine's)
    assertThat(r.json().getString("timeZone")).isEqualTo(java.time.ZoneId.systemDefault().getId());
  }

  @Test
  void malformedLoginIsABadRequest() {
    assertThat(http.post("/api/login", null, "{not json").status()).isEqualTo(400);
    assertThat(http.post("/api/login", null, "{\"username\":7}").status()).isEqualTo(400);
    for (String notAnObject : new String[] {"[1,2,3]", "\"text\"", "42", ""}) {
      Http.Response refused = http.post("/api/login", null, notAnObject);
      assertThat(refused.status()).as(notAnObject).isEqualTo(400);
      assertThat(refused.json().getString("message")).as(notAnObject).contains("JSON object");
    }
  }

  @Test
  void apiWithoutAValidTokenIsUnauthorized() {
    assertThat(http.get("/api/calls", null).status()).isEqualTo(401);
    assertThat(http.get("/api/calls", "not.a.token").status()).isEqualTo(401);
    String forged = http.login("ann", TestCluster.PASSWORD);
    String tampered = forged.substring(0, forged.length() - 4) + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertThat(http.get("/api/calls", tampered).status()).isEqualTo(401);
  }

  @Test
  void agentCallingASupervisorRouteIsForbidden() {
    String agent = http.login("ann", TestCluster.PASSWORD);
    Http.Response r = http.get("/api/agents", agent);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().getInteger("error")).isEqualTo(403);
    String supervisor = http.login("sue", TestCluster.PASSWORD);
    assertThat(http.get("/api/agents", supervisor).array()).extracting(o -> ((JsonObject) o).getString("agent"))
        .containsExactly("PJSIP/agent101", "PJSIP/agent102");
  }

  @Test
  void unknownApiRouteIsNotFoundAsJson() {
    Http.Response r = http.get("/api/no-such-route", http.login("sue", TestCluster.PASSWORD));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().getInteger("error")).isEqualTo(404);
  }

  @Test
  void agentCannotSeeAnotherAgentsCall() {
    JsonArray annSees = http.get("/api/calls", http.login("ann", TestCluster.PASSWORD)).array();
    assertThat(ids(annSees)).containsExactly("pbx:1001.1");
    JsonArray supervisorSees = http.get("/api/calls", http.login("sue", TestCluster.PASSWORD)).array();
    assertThat(ids(supervisorSees)).containsExactlyInAnyOrder("pbx:1001.1", "pbx:1002.1");
    JsonObject call = annSees.getJsonObject(0);
    assertThat(call.fieldNames()).contains("id", "linkedid", "caller", "queue", "agent", "state", "queuedAt",
        "answeredAt", "holdSeconds");
    assertThat(call.getString("state")).isEqualTo("ANSWERED");
  }

  @Test
  void historyIsNewestFirstAndAgentsSeeOnlyTheirOwn() {
    JsonArray all = http.get("/api/history?limit=10", http.login("sue", TestCluster.PASSWORD)).array();
    assertThat(ids(all)).containsExactly("pbx:902.1", "pbx:901.1", "pbx:900.1");
    assertThat(all.getJsonObject(0).getString("outcome")).isEqualTo("ABANDONED");
    JsonArray limited = http.get("/api/history?limit=1", http.login("sue", TestCluster.PASSWORD)).array();
    assertThat(ids(limited)).containsExactly("pbx:902.1");
    JsonArray ann = http.get("/api/history", http.login("ann", TestCluster.PASSWORD)).array();
    assertThat(ids(ann)).containsExactly("pbx:901.1");
  }

  @Test
  void historyLimitOutOfRangeIsABadRequest() {
    String token = http.login("sue", TestCluster.PASSWORD);
    assertThat(http.get("/api/history?limit=0", token).status()).isEqualTo(400);
    assertThat(http.get("/api/history?limit=lots", token).status()).isEqualTo(400);
  }

  @Test
  void agentSeesTheCustomerOnTheirCallWithItsWholeHistory() {
    Http.Response r = http.get("/api/customers/+15550001", http.login("ann", TestCluster.PASSWORD));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getJsonObject("profile").getString("name")).isEqualTo("Ann's caller");
    // The earlier call was taken by another agent: on the customer's call, that history is what helps.
    assertThat(ids(r.json().getJsonArray("history"))).containsExactly("pbx:900.1");
    assertThat(r.json().getJsonArray("openPromises")).isEmpty();
  }

  @Test
  void agentCannotLookUpACustomerWhoIsNotOnTheirCall() {
    String ann = http.login("ann", TestCluster.PASSWORD);
    assertThat(http.get("/api/customers/+15550002", ann).status()).isEqualTo(403);
    assertThat(http.get("/api/customers/+15550009", ann).status()).isEqualTo(403);
  }

  @Test
  void supervisorLooksUpAnyKnownCustomerAndGetsNotFoundForStrangers() {
    String sue = http.login("sue", TestCluster.PASSWORD);
    Http.Response known = http.get("/api/customers/+15550009", sue);
    assertThat(known.status()).isEqualTo(200);
    assertThat(ids(known.json().getJsonArray("history"))).containsExactly("pbx:902.1", "pbx:901.1");
    assertThat(http.get("/api/customers/+19999999", sue).status()).isEqualTo(404);
  }

  @Test
  void healthReportsTheClusterAndMetricsAreServed() {
    Http.Response health = http.get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().getString("status")).isEqualTo("UP");
    assertThat(health.json().getJsonObject("cluster").getInteger("members")).isEqualTo(1);
    assertThat(health.json().getJsonObject("ami").containsKey("connected")).isTrue();
    http.get("/api/calls", null); // at least one request for the HTTP server meters
    Http.Response metrics = http.get("/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(metrics.body()).contains("vertx_http_server_requests_total").contains("attune_web_sockets");
  }

  @Test
  void healthIsDownWithStatus503WhileASectionIsDown() {
    assertThat(http.get("/health", null).json().getJsonObject("db").getString("status")).isEqualTo("UP");
    databaseUp.set(false);
    try {
      Http.Response down = http.get("/health", null);
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.json().getString("status")).isEqualTo("DOWN");
    } finally {
      databaseUp.set(true);
    }
    assertThat(http.get("/health", null).status()).isEqualTo(200);
  }

  @Test
  void meterRecordedInTheNodesRegistryAppearsOnMetrics() {
    // The bridge gets this same registry: what it records is what /metrics shows.
    node.registry().counter(MetricNames.CALLS_OFFERED, "queue", "support").increment(3);
    assertThat(http.get("/metrics", null).body()).contains("callcenter_calls_offered_total{queue=\"support\"} 3.0");
  }

  @Test
  void pagesAreServedWithAStrictContentSecurityPolicy() {
    Http.Response page = http.get("/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("login-form");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        v -> assertThat(v).contains("script-src 'self'"));
  }

  private static List<String> ids(JsonArray array) {
    return array.stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }
}
