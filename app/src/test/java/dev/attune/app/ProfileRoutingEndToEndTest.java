package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.calls.LiveCall;
import dev.attune.core.store.MapNames;
import dev.attune.sim.agi.AgiEnvironment;
import dev.attune.sim.agi.AsteriskAgiChannel;
import dev.attune.sim.agi.FastAgiCaller;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Routing on what administrators and agents put into profiles, on a whole node in a center in China
 * ({@code customers.defaultCountry: CN}): a VIP set through {@code PUT /api/customers}, a language from the CSV
 * import and a confirmed complaint each send the customer's next call where {@code routing.yaml} says, asked over
 * FastAGI as Asterisk asks ({@code AGI(agi://.../route)}), whichever way the PBX writes the caller's number.
 */
class ProfileRoutingEndToEndTest {
  private static final String RULES = """
      defaultQueue: support
      vip:
        queue: priority
        priority: 10
      complaint:
        queue: senior
        minComplaints: 1
      languages:
        zh: support-zh
      """;
  private static final AtomicLong UNIQUEID = new AtomicLong(1_764_800_000);

  private static TestCluster cluster;
  private static AttuneNode node;
  private static Http http;
  private static Vertx vertx;
  private static FastAgiCaller pbx;

  @BeforeAll
  static void startNode() throws Exception {
    cluster = new TestCluster();
    Path rules = Files.createTempFile("routing", ".yaml"); // no business hours: the test must not depend on the clock
    Files.writeString(rules, RULES);
    rules.toFile().deleteOnExit();
    Map<String, String> env = cluster.environment();
    env.put("ATTUNE_FASTAGI_RULES_FILE", rules.toString());
    env.put("ATTUNE_CUSTOMERS_DEFAULT_COUNTRY", "CN");
    node = cluster.startNode(env);
    http = new Http(node.httpPort());
    vertx = Vertx.vertx();
    pbx = new FastAgiCaller(vertx);
  }

  @AfterAll
  static void stopNode() throws Exception {
    pbx.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
    cluster.close();
  }

  @Test
  void aVipSetThroughTheApiIsRoutedAsOneHoweverThePbxWritesTheNumber() throws Exception {
    String ada = http.login("ada", TestCluster.PASSWORD);
    assertThat(route("02161230001").get("ROUTE_QUEUE")).as("before: an unknown caller").isEqualTo("support");

    Http.Response set = http.put("/api/customers/021%206123%200001", ada, "{\"vip\": true}");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().getString("number")).as("keyed in E.164").isEqualTo("862161230001");

    for (String callerId : List.of("02161230001", "+862161230001", "00862161230001")) {
      Map<String, String> vars = route(callerId);
      assertThat(vars).as(callerId).containsEntry("ROUTE_QUEUE", "priority").containsEntry("ROUTE_VIP", "1")
          .containsEntry("ROUTE_REASON", "vip");
    }
  }

  @Test
  void aLanguageFromTheCsvImportRoutesToItsQueue() throws Exception {
    String ada = http.login("ada", TestCluster.PASSWORD);
    Http.Response imported = http.postText("/api/customers/import?dryRun=false", ada,
        "number,name,language\n138 0013 0002,Zhou Min,zh-CN\n");
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(imported.json().getInteger("changed")).isEqualTo(1);

    Map<String, String> vars = route("13800130002"); // a mobile, as a Chinese trunk presents it
    assertThat(vars).containsEntry("ROUTE_QUEUE", "support-zh").containsEntry("ROUTE_REASON", "language");
    assertThat(vars.get("ROUTE_LANGUAGE")).startsWith("zh");
  }

  @Test
  void aConfirmedComplaintSendsTheNextCallToTheSeniors() throws Exception {
    String ann = http.login("ann", TestCluster.PASSWORD);
    assertThat(route("13900130003").get("ROUTE_QUEUE")).isEqualTo("support");

    LiveCall call = CallFixtures.answered("pbx:990.1", "13900130003", "Qian Li", "support", "PJSIP/agent101",
        Instant.now());
    node.hazelcast().getMap(MapNames.LIVE_CALLS).put(call.id(), CallFixtures.stored(call));
    Http.Response filed = http.post("/api/complaints", ann, new JsonObject().put("callId", call.id())
        .put("category", "TRANSACTION_PROCESS").put("severity", "JUSTIFIED")
        .put("summary", "Charged twice for the same order.").encode());
    assertThat(filed.status()).as(filed.body()).isEqualTo(200);

    Map<String, String> vars = Eventually.await("the complaint counted for routing", java.time.Duration.ofSeconds(20),
        () -> route("+86 139 0013 0003"), v -> "senior".equals(v.get("ROUTE_QUEUE")));
    assertThat(vars).containsEntry("ROUTE_REASON", "complaint");
    node.hazelcast().getMap(MapNames.LIVE_CALLS).remove(call.id());
  }

  /** One {@code AGI(agi://.../route)} as Asterisk runs it for a caller; the channel variables the server set. */
  private static Map<String, String> route(String callerId) {
    String uniqueid = UNIQUEID.incrementAndGet() + ".1";
    AgiEnvironment env = new AgiEnvironment("agi://127.0.0.1:" + node.fastAgiPort() + "/route",
        "PJSIP/trunk-00000001", "en", uniqueid, callerId, "unknown", "100", "from-customer", "100", 2, 140_000L);
    AsteriskAgiChannel channel = new AsteriskAgiChannel(Map.of("CHANNEL(linkedid)", uniqueid,
        "CALLERID(num)", callerId), List.of());
    try {
      return pbx.call("127.0.0.1", node.fastAgiPort(), env, channel, false).await(20, TimeUnit.SECONDS)
          .variablesSet();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the FastAGI server kept the route session open for 20 s", e);
    }
  }
}
