package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.store.MapNames;
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
 * A complaint from the cues of a coached call to its record, on a whole node: the agent's screen gets the draft when
 * the call ends (kind and severity guessed, the customer's words as the summary), the agent confirms it, a major one
 * alerts supervisors with the center's reply promise, and the profile and {@code /metrics} count it. Another agent
 * neither sees nor moves it; a record moves once; a complaint the coach missed can be recorded by hand.
 */
class ComplaintsEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String NUMBER = "+8613700000077";
  private static final String KEY = "8613700000077";

  private static TestCluster cluster;
  private static AttuneNode node;
  private static Http http;
  private static Vertx clientVertx;
  private static WebSocketClient client;

  @BeforeAll
  static void startNode() throws Exception {
    cluster = new TestCluster();
    node = cluster.startNode(cluster.atMidday()); // its complaints are all today's
    http = new Http(node.httpPort());
    clientVertx = Vertx.vertx();
    client = clientVertx.createWebSocketClient();
  }

  @AfterAll
  static void stopNode() throws Exception {
    clientVertx.close().await(10, TimeUnit.SECONDS);
    cluster.close();
  }

  @Test
  void aMajorComplaintIsDraftedConfirmedAlertedPromisedAndCounted() throws Exception {
    String ann = http.login("ann", TestCluster.PASSWORD);
    String bob = http.login("bob", TestCluster.PASSWORD);
    String sue = http.login("sue", TestCluster.PASSWORD);
    Screen annScreen = Screen.open(client, node, "ann");
    Screen sueScreen = Screen.open(client, node, "sue");
    IMap<String, CustomerProfile> customers = node.hazelcast().getMap(MapNames.CUSTOMERS);

    coachedCall("pbx:870.1", ann, "我买的东西快递到现在还没到，我要投诉！再不处理我就打12315！");

    JsonObject draft = Eventually.await("the draft on ann's screen", WAIT, () -> annScreen.ofType("complaint"),
        frames -> !frames.isEmpty()).get(0);
    assertThat(draft.getString("change")).isEqualTo("drafted");
    JsonObject drafted = draft.getJsonObject("complaint");
    assertThat(drafted.getString("callId")).isEqualTo("pbx:870.1");
    assertThat(drafted.getString("status")).isEqualTo("DRAFT");
    assertThat(drafted.getString("category")).isEqualTo("TRANSACTION_PROCESS");
    assertThat(drafted.getString("severity")).isEqualTo("MAJOR");
    assertThat(drafted.getString("summary")).contains("快递到现在还没到");
    assertThat(drafted.getJsonArray("reasons")).isNotEmpty();
    String id = drafted.getString("id");
    CustomerProfile beforeConfirming = customers.get(KEY);
    assertThat(beforeConfirming == null ? 0 : beforeConfirming.complaints()).as("a draft is not a complaint yet")
        .isZero();

    JsonArray annDrafts = http.get("/api/complaints?status=draft", ann).array();
    assertThat(annDrafts.stream().map(o -> ((JsonObject) o).getString("id"))).containsExactly(id);
    assertThat(http.get("/api/complaints", bob).array()).as("another agent's complaints stay theirs").isEmpty();
    assertThat(http.post("/api/complaints/" + id + "/confirm", bob, "{}").status()).isEqualTo(403);
    assertThat(http.post("/api/complaints/" + id + "/confirm", ann, "{\"severity\":\"SERIOUS\"}").status())
        .as("an unknown severity").isEqualTo(400);

    Http.Response confirmed = http.post("/api/complaints/" + id + "/confirm", ann,
        new JsonObject().put("summary", "快递延误两周，客户要求今天给答复").encode());
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    JsonObject record = confirmed.json();
    assertThat(record.getString("status")).isEqualTo("CONFIRMED");
    assertThat(record.getString("confirmedBy")).isEqualTo("ann");
    assertThat(record.getString("summary")).isEqualTo("快递延误两周，客户要求今天给答复");
    Instant confirmedAt = Instant.parse(record.getString("confirmedAt"));
    Instant replyDue = Instant.parse(record.getString("replyDueAt"));
    assertThat(Duration.between(confirmedAt, replyDue)).as("complaints.majorReplyHours").isEqualTo(Duration.ofHours(24));
    String promiseId = record.getString("commitmentId");
    assertThat(promiseId).isNotNull();

    JsonObject alert = Eventually.await("the supervisor's alert", WAIT, () -> sueScreen.ofType("alert").stream()
        .filter(a -> "complaint-major".equals(a.getString("alertType"))).toList(), a -> !a.isEmpty()).get(0);
    assertThat(alert.getString("callId")).isEqualTo("pbx:870.1");
    assertThat(alert.getString("commitmentId")).isEqualTo(promiseId);
    assertThat(Instant.parse(alert.getString("dueAt"))).isEqualTo(replyDue);
    assertThat(annScreen.ofType("alert")).as("alerts are for supervisors").isEmpty();

    JsonObject promise = http.get("/api/commitments", sue).array().stream().map(o -> (JsonObject) o)
        .filter(c -> promiseId.equals(c.getString("id"))).findFirst().orElseThrow();
    assertThat(promise.getString("status")).isEqualTo("OPEN");
    assertThat(promise.getString("agent")).as("the center's promise, not one agent's").isNull();
    assertThat(Instant.parse(promise.getString("dueAt"))).isEqualTo(replyDue);

    assertThat(Eventually.await("the profile's count", WAIT, () -> customers.get(KEY),
        p -> p != null && p.complaints() == 1).complaints()).isEqualTo(1);
    assertThat(http.get("/metrics", null).body()).containsPattern(
        "callcenter_complaints_total\\{category=\"TRANSACTION_PROCESS\",queue=\"support\",severity=\"MAJOR\"[^}]*} 1\\.0");

    JsonObject today = Eventually.await("today's complaints on the wallboard's figures", WAIT,
        () -> http.get("/api/queues", sue).json().getJsonObject("complaints").getJsonObject("today"),
        t -> t.getJsonObject("byCategory").getInteger("TRANSACTION_PROCESS") == 1);
    assertThat(today.getInteger("major")).isEqualTo(1);
    assertThat(http.get("/api/queues", ann).status()).as("figures are for supervisors").isEqualTo(403);

    Http.Response again = http.post("/api/complaints/" + id + "/confirm", ann, "{}");
    assertThat(again.status()).as("confirmed once: " + again.body()).isEqualTo(409);
    assertThat(http.post("/api/complaints/" + id + "/discard", sue, "{}").status()).isEqualTo(409);
    assertThat(customers.get(KEY).complaints()).as("a refused move counts nothing").isEqualTo(1);
    assertThat(http.get("/api/complaints?status=confirmed&customer=" + NUMBER, sue).array())
        .extracting(o -> ((JsonObject) o).getString("id")).containsExactly(id);
  }

  @Test
  void aDiscardedDraftCountsNothingAndAMissedComplaintIsRecordedByHand() throws Exception {
    String ann = http.login("ann", TestCluster.PASSWORD);
    String bob = http.login("bob", TestCluster.PASSWORD);
    IMap<String, CustomerProfile> customers = node.hazelcast().getMap(MapNames.CUSTOMERS);
    String number = "+8613700000078";

    coachedCall("pbx:871.1", number, ann, "en", "I want to complain, nobody called me back.");
    JsonObject draft = Eventually.await("ann's draft", WAIT, () -> http.get("/api/complaints?status=draft", ann)
        .array().stream().map(o -> (JsonObject) o).filter(c -> "pbx:871.1".equals(c.getString("callId"))).toList(),
        l -> !l.isEmpty()).get(0);
    Http.Response discarded = http.post("/api/complaints/" + draft.getString("id") + "/discard", ann, "{}");
    assertThat(discarded.status()).as(discarded.body()).isEqualTo(200);
    assertThat(discarded.json().getString("status")).isEqualTo("DISCARDED");

    CallFixtures.begin(node, CallFixtures.answered("pbx:872.1", number, "Jo", "sales", "PJSIP/agent101",
        Instant.now()));
    JsonObject byHand = new JsonObject().put("callId", "pbx:872.1").put("category", "service_standard")
        .put("severity", "minor").put("summary", "Disputes the cancellation fee in the contract.");
    assertThat(http.post("/api/complaints", bob, byHand.encode()).status()).as("not bob's call").isEqualTo(403);
    assertThat(http.post("/api/complaints", ann, byHand.copy().put("callId", "pbx:nope").encode()).status())
        .isEqualTo(404);
    JsonObject noCall = byHand.copy();
    noCall.remove("callId");
    assertThat(http.post("/api/complaints", ann, noCall.encode()).status()).isEqualTo(400);
    Http.Response filed = http.post("/api/complaints", ann, byHand.encode());
    assertThat(filed.status()).as(filed.body()).isEqualTo(200);
    assertThat(filed.json().getString("status")).isEqualTo("CONFIRMED");
    assertThat(filed.json().getString("category")).isEqualTo("SERVICE_STANDARD");
    assertThat(filed.json().getString("replyDueAt")).as("only a major complaint gets the center's promise").isNull();

    assertThat(Eventually.await("the profile's count", WAIT, () -> customers.get("8613700000078"),
        p -> p != null && p.complaints() == 1).complaints()).as("the discarded draft counted nothing").isEqualTo(1);
  }

  private static void coachedCall(String callId, String token, String said) throws Exception {
    coachedCall(callId, NUMBER, token, "zh", said);
  }

  /** A call on ann's line: answered, the customer's words coached (their cards kept), then ended. */
  private static void coachedCall(String callId, String number, String token, String lang, String said)
      throws Exception {
    LiveCall call = CallFixtures.answered(callId, number, "李先生", "support", "PJSIP/agent101", Instant.now());
    CallFixtures.begin(node, call);
    Http.Response r = http.post("/api/calls/" + callId + "/transcript", token,
        new JsonObject().put("party", "customer").put("lang", lang).put("text", said).encode());
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    Eventually.await("the segment's cards", WAIT, () -> http.get("/api/guidance?callId=" + callId, token).array(),
        cards -> !cards.isEmpty());
    CallFixtures.end(node, call);
  }
}
