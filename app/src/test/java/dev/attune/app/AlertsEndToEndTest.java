package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.calls.LiveCall;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts that stay: one raised on one node (a major complaint) is kept once for the whole cluster, listed by
 * {@code GET /api/alerts} on every node, acknowledged once by a supervisor on another node with every wallboard told,
 * and still there, acknowledged, after every node has stopped and a new one started on the same database.
 */
class AlertsEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static TestCluster cluster;
  private static Vertx clientVertx;
  private static WebSocketClient client;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new TestCluster();
    clientVertx = Vertx.vertx();
    client = clientVertx.createWebSocketClient();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    clientVertx.close().await(10, TimeUnit.SECONDS);
    cluster.close();
  }

  @Test
  void anAlertIsKeptOnceAcknowledgedOnceEverywhereAndOutlivesARestart() throws Exception {
    AttuneNode a = cluster.startNode();
    AttuneNode b = cluster.startNode();
    Eventually.await("a two-member cluster", WAIT, () -> b.hazelcast().getCluster().getMembers().size(), n -> n == 2);
    Http onA = new Http(a.httpPort());
    Http onB = new Http(b.httpPort());
    Screen wallboardA = Screen.open(client, a, "sue");

    LiveCall call = CallFixtures.answered("pbx:960.1", "+8613700000960", "Sun Yi", "support", "PJSIP/agent101",
        Instant.now());
    CallFixtures.begin(a, call);
    Http.Response filed = onA.post("/api/complaints", onA.login("ann", TestCluster.PASSWORD), new JsonObject()
        .put("callId", call.id()).put("category", "PRODUCT_QUALITY").put("severity", "MAJOR")
        .put("summary", "Third broken kettle; will go to the press").encode());
    assertThat(filed.status()).as(filed.body()).isEqualTo(200);

    String sueOnB = onB.login("sue", TestCluster.PASSWORD);
    JsonObject kept = Eventually.await("the alert kept and listed on the other node", WAIT,
        () -> onB.get("/api/alerts", sueOnB).array(), list -> list.size() == 1).getJsonObject(0);
    JsonObject alert = kept.getJsonObject("alert");
    assertThat(alert.getString("kind")).isEqualTo("complaint-major");
    assertThat(alert.getString("callId")).isEqualTo(call.id());
    assertThat(kept.getString("acknowledgedBy")).isNull();
    String id = alert.getString("id");
    Eventually.await("the alert on the first node's wallboard", WAIT, () -> wallboardA.ofType("alert"),
        frames -> !frames.isEmpty());
    assertThat(wallboardA.ofType("alert")).extracting(f -> f.getString("id")).containsExactly(id);
    assertThat(onB.get("/api/alerts", onB.login("bob", TestCluster.PASSWORD)).status()).as("agents: no")
        .isEqualTo(403);

    Http.Response ack = onB.post("/api/alerts/" + id + "/ack", sueOnB, "{}");
    assertThat(ack.status()).as(ack.body()).isEqualTo(200);
    assertThat(ack.json().getString("acknowledgedBy")).isEqualTo("sue");
    JsonObject told = Eventually.await("the other node's wallboard told", WAIT, () -> wallboardA.ofType("alertAck"),
        l -> !l.isEmpty()).get(0);
    assertThat(told.getString("id")).isEqualTo(id);
    assertThat(told.getString("by")).isEqualTo("sue");
    assertThat(onA.post("/api/alerts/" + id + "/ack", onA.login("ada", TestCluster.PASSWORD), "{}").status())
        .as("taken once").isEqualTo(409);
    assertThat(onA.post("/api/alerts/nope/ack", onA.login("sue", TestCluster.PASSWORD), "{}").status())
        .isEqualTo(404);

    a.stop().await(30, TimeUnit.SECONDS);
    b.stop().await(30, TimeUnit.SECONDS);
    AttuneNode c = cluster.startNode();
    Http onC = new Http(c.httpPort());
    JsonArray afterRestart = onC.get("/api/alerts", onC.login("sue", TestCluster.PASSWORD)).array();
    assertThat(afterRestart).hasSize(1);
    assertThat(afterRestart.getJsonObject(0).getJsonObject("alert").getString("id")).isEqualTo(id);
    assertThat(afterRestart.getJsonObject(0).getString("acknowledgedBy")).isEqualTo("sue");
  }
}
