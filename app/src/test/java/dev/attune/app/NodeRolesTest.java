package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code node.roles}: a bridge-only node (AMI owner, built-in PBX, no web edge) and an assist-only node (the screens,
 * coaching, promises) make one working center. Calls placed through the bridge show on the assist node's API, a
 * promise taken there is called back by a supervisor through the bridge node and kept.
 */
class NodeRolesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration CALL_OVER = Duration.ofSeconds(60); // the built-in PBX talks 10..40 s
  private static final String CUSTOMER = "+15550104";
  private static TestCluster cluster;
  private static AttuneNode bridge;
  private static AttuneNode assist;

  @BeforeAll
  static void start() throws Exception {
    cluster = new TestCluster();
    Map<String, String> bridgeEnv = cluster.withBuiltInPbx();
    bridgeEnv.put("ATTUNE_NODE_ROLES", "bridge");
    // the bridge node holds no data: it starts first and waits for the assist node, as an operator may start them
    java.util.concurrent.CompletableFuture<AttuneNode> bridging = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> {
          try {
            return cluster.startNode(bridgeEnv);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    Map<String, String> assistEnv = cluster.environment();
    assistEnv.put("ATTUNE_NODE_ROLES", "assist");
    assist = cluster.startNode(assistEnv);
    bridge = bridging.get(60, java.util.concurrent.TimeUnit.SECONDS);
    Eventually.await("a two-member cluster", WAIT, () -> assist.hazelcast().getCluster().getMembers().size(),
        n -> n == 2);
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void aBridgeOnlyNodeAnswersHealthAndMetricsAndNothingElse() throws Exception {
    Http ops = new Http(bridge.httpPort());
    JsonObject health = Eventually.await("the bridge node's AMI link", WAIT, () -> ops.get("/health", null).json(),
        h -> h.getJsonObject("ami").getBoolean("connected"));
    assertThat(health.getString("status")).isEqualTo("UP");
    assertThat(health.containsKey("web")).as("no web edge on this node").isFalse();
    assertThat(bridge.hazelcast().getCluster().getLocalMember().isLiteMember()).as("holds no data").isTrue();
    assertThat(ops.get("/metrics", null).body()).contains("attune_ami_connected 1.0");
    assertThat(ops.get("/api/calls", null).status()).isEqualTo(404);
    assertThat(ops.get("/", null).status()).isEqualTo(404);

    JsonObject assistHealth = new Http(assist.httpPort()).get("/health", null).json();
    assertThat(assistHealth.getJsonObject("ami").getString("detail")).contains("node.roles");
    assertThat(assistHealth.getJsonObject("web").getInteger("sockets")).isNotNull();
  }

  @Test
  void aPromiseTakenOnTheAssistNodeIsCalledBackByASupervisorThroughTheBridgeNode() throws Exception {
    Eventually.await("the bridge node's AMI link", WAIT, () -> new Http(bridge.httpPort()).get("/health", null).json(),
        h -> h.getJsonObject("ami").getBoolean("connected"));
    Http http = new Http(assist.httpPort());
    String ann = http.login("ann", TestCluster.PASSWORD);
    String sue = http.login("sue", TestCluster.PASSWORD);
    JsonObject call = PbxCalls.answered(assist, ann, "PJSIP/agent101", CUSTOMER);

    assertThat(http.post("/api/calls/" + call.getString("id") + "/transcript", ann, new JsonObject()
        .put("party", "agent").put("lang", "en").put("text", "I'll call you back tomorrow before 3pm.").encode())
        .status()).isEqualTo(202);
    JsonObject promise = Eventually.await("the promise on the assist node", WAIT, () -> promises(http, ann),
        l -> !l.isEmpty()).getJsonObject(0);
    String id = promise.getString("id");
    assertThat(http.post("/api/commitments/" + id + "/confirm", ann, "{}").json().getString("status"))
        .isEqualTo("OPEN");
    Eventually.await("the first call to end", CALL_OVER, () -> http.get("/api/calls", ann).array(),
        JsonArray::isEmpty);

    Http.Response callback = http.post("/api/commitments/" + id + "/callback", sue, "{}");
    assertThat(callback.status()).as(callback.body()).isEqualTo(200);
    assertThat(callback.json().getBoolean("queued")).isTrue();
    assertThat(callback.json().getString("agent")).as("the promise's owner rings").isEqualTo("PJSIP/agent101");
    JsonObject kept = Eventually.await("the promise kept by the supervisor's callback", WAIT,
        () -> promise(http, sue, id), c -> "KEPT".equals(c.getString("status")));
    assertThat(kept.getString("keptByCallId")).isNotEqualTo(call.getString("id"));
  }

  private static JsonArray promises(Http http, String token) {
    return http.get("/api/commitments?status=open", token).array();
  }

  private static JsonObject promise(Http http, String token, String id) {
    return http.get("/api/commitments?status=all", token).array().stream().map(JsonObject.class::cast)
        .filter(c -> id.equals(c.getString("id"))).findFirst().orElseThrow();
  }
}
