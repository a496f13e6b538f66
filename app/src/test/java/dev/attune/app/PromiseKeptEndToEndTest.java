package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A promise end to end on a real node with the built-in PBX (real AMI over TCP): the agent says "I'll call you back"
 * on a call, the coach takes it as a proposed commitment and tells the agent's screen, the agent confirms it and
 * clicks "call back now", the PBX rings the agent and then the customer, and the answered outbound call keeps the
 * promise, on time.
 */
class PromiseKeptEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** A generated call talks 10..40 s: the callback can ring the agent only once the first call is over. */
  private static final Duration CALL_OVER = Duration.ofSeconds(60);
  private static final String CUSTOMER = "+15557770001";

  private static BuiltInPbxNode pbx;
  private static AttuneNode node;
  private static Http http;

  @BeforeAll
  static void startNode() throws Exception {
    pbx = BuiltInPbxNode.start();
    node = pbx.node();
    http = pbx.http();
  }

  @AfterAll
  static void stopNode() throws Exception {
    pbx.close();
  }

  @Test
  void promiseMadeOnACallIsKeptByTheCallbackTheAgentStartsWithOneClick() throws Exception {
    String ann = http.login("ann", TestCluster.PASSWORD);
    List<JsonObject> annFrames = pbx.screen("ann").frames();
    JsonObject call = PbxCalls.answered(node, ann, "PJSIP/agent101", CUSTOMER); // a call on ann's line

    Http.Response said = http.post("/api/calls/" + call.getString("id") + "/transcript", ann,
        new JsonObject().put("party", "agent").put("lang", "en")
            .put("text", "I'll check with billing and I'll call you back tomorrow before 3pm.").encode());
    assertThat(said.status()).isEqualTo(202);

    JsonObject proposed = Eventually.await("the proposed promise on ann's screen", WAIT,
        () -> ofType(annFrames, "commitment"), l -> !l.isEmpty()).get(0);
    assertThat(proposed.getString("change")).isEqualTo("proposed");
    JsonObject commitment = proposed.getJsonObject("commitment");
    assertThat(commitment.getString("customerNumber")).isEqualTo(CUSTOMER);
    assertThat(commitment.getString("agent")).isEqualTo("PJSIP/agent101");
    assertThat(commitment.getBoolean("dueStated")).isTrue();
    JsonObject card = Eventually.await("the promise card", WAIT, () -> ofType(annFrames, "guidance").stream()
        .filter(g -> "COMMITMENT".equals(g.getString("kind"))).toList(), l -> !l.isEmpty()).get(0);
    assertThat(card.getString("callId")).isEqualTo(call.getString("id"));
    assertThat(card.getString("evidence")).contains("call you back tomorrow before 3pm");

    String id = commitment.getString("id");
    assertThat(http.post("/api/commitments/" + id + "/confirm", ann, "{}").json().getString("status")).isEqualTo("OPEN");

    Eventually.await("the first call to end", CALL_OVER, () -> liveCalls(ann), JsonArray::isEmpty);
    Http.Response callback = http.post("/api/commitments/" + id + "/callback", ann, "{}");
    assertThat(callback.status()).isEqualTo(200);

    JsonObject kept = Eventually.await("the promise kept by the callback", WAIT,
        () -> commitment(ann, id), c -> "KEPT".equals(c.getString("status")));
    assertThat(kept.getString("keptByCallId")).isNotEqualTo(call.getString("id"));
    assertThat(kept.getLong("lateSeconds")).isZero();
    // The screen learns of the change over its WebSocket, after the store already answers KEPT: wait for the frame.
    List<String> changes = Eventually.await("the kept change on ann's screen", WAIT,
        () -> ofType(annFrames, "commitment").stream().map(f -> f.getString("change")).toList(),
        l -> l.contains("kept"));
    assertThat(changes).containsSubsequence("proposed", "opened", "kept");
    Eventually.await("the kept promise counted on time", WAIT, () -> http.get("/metrics", null).body(),
        body -> Pattern.compile("callcenter_commitments_kept_total\\{[^}]*on_time=\"true\"[^}]*} 1\\.0")
            .matcher(body).find());
  }

  private static JsonArray liveCalls(String token) {
    return http.get("/api/calls", token).array();
  }

  private static JsonObject commitment(String token, String id) {
    return http.get("/api/commitments?status=all", token).array().stream().map(JsonObject.class::cast)
        .filter(c -> id.equals(c.getString("id"))).findFirst().orElseThrow();
  }

  private static List<JsonObject> ofType(List<JsonObject> frames, String type) {
    return frames.stream().filter(f -> type.equals(f.getString("type"))).toList();
  }
}
