package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.store.MapNames;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The customer's profile learns the language heard on each coached call, added to what the profile already holds,
 * never replacing it. A complaint heard is only drafted: the profile counts it once the agent confirms it
 * ({@link ComplaintsEndToEndTest}).
 */
class ProfileLearningTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String NUMBER = "+8613700000001";
  private static final String KEY = "8613700000001";

  private static TestCluster cluster;
  private static AttuneNode node;
  private static Http http;

  @BeforeAll
  static void startNode() throws Exception {
    cluster = new TestCluster();
    node = cluster.startNode();
    http = new Http(node.httpPort());
  }

  @AfterAll
  static void stopNode() throws Exception {
    cluster.close();
  }

  @Test
  void aComplaintOnAChineseCallAndALaterEnglishCallAreBothLearned() throws Exception {
    IMap<String, CustomerProfile> customers = node.hazelcast().getMap(MapNames.CUSTOMERS);
    String ann = http.login("ann", TestCluster.PASSWORD);

    coachedCall("pbx:800.1", ann, "customer", "zh", "我要投诉！你们再不处理我就打12315投诉你们！");
    CustomerProfile afterFirst = Eventually.await("the profile after the complaint", WAIT,
        () -> customers.get(KEY), p -> p != null && "zh".equals(p.language()));
    assertThat(afterFirst.complaints()).as("drafted, not yet confirmed").isZero();
    assertThat(afterFirst.name()).isEqualTo("李先生");

    // no complaint from the customer this time; the agent's slip raises a card, which shows the call was coached
    coachedCall("pbx:801.1", ann, "agent", "en", "Sorry, that's not my department.");
    CustomerProfile afterSecond = Eventually.await("the profile after a calm English call", WAIT,
        () -> customers.get(KEY), p -> "en".equals(p.language()));
    assertThat(afterSecond.name()).as("kept from the first call").isEqualTo("李先生");
  }

  @Test
  void aCustomerWhoVentedOnThreeCallsGetsAStyleHintOnTheNext() throws Exception {
    String number = "+8613700000002";
    String ann = http.login("ann", TestCluster.PASSWORD);
    IMap<String, CustomerProfile> customers = node.hazelcast().getMap(MapNames.CUSTOMERS);
    for (int i = 0; i < 3; i++) {
      String callId = "pbx:81" + i + ".1";
      startCall(callId, number);
      if (i == 2) {
        assertThat(http.get("/api/customers/" + number, ann).json().getValue("styleHint"))
            .as("two calls are too few for a hint").isNull();
      }
      // 6 s of the agent, then 24 s of an angry customer: a share of 0.8, upset; both raise a card
      segment(callId, ann, "agent", 0, 6_000, "Sorry, that's not my department.");
      segment(callId, ann, "customer", 6_000, 30_000, "This is ridiculous, I am furious, nothing works for a week!");
      Eventually.await("both segments' cards", WAIT, () -> http.get("/api/guidance?callId=" + callId, ann).array(),
          cards -> cards.size() >= 2);
      endCall(callId, number);
      int calls = i + 1;
      Eventually.await("the style learned from call " + calls, WAIT, () -> customers.get("8613700000002"),
          p -> p != null && p.style().calls() == calls);
    }
    startCall("pbx:813.1", number);
    JsonObject hint = http.get("/api/customers/" + number, ann).json().getJsonObject("styleHint");
    assertThat(hint.getString("kind")).isEqualTo("ventsFirst");
    assertThat(hint.getInteger("calls")).isEqualTo(3);
    assertThat(hint.getDouble("talkShare")).isEqualTo(0.8);
    assertThat(hint.getInteger("upsetCalls")).isEqualTo(3);
    endCall("pbx:813.1", number);
  }

  private static void startCall(String callId, String number) {
    CallFixtures.begin(node, CallFixtures.answered(callId, number, "周女士", "support", "PJSIP/agent101",
        Instant.now()));
  }

  private static void segment(String callId, String token, String party, long startMs, long endMs, String text) {
    Http.Response r = http.post("/api/calls/" + callId + "/transcript", token, new JsonObject().put("party", party)
        .put("lang", "en").put("text", text).put("startMs", startMs).put("endMs", endMs).encode());
    assertThat(r.status()).as(r.body()).isEqualTo(202);
  }

  private static void endCall(String callId, String number) {
    CallFixtures.end(node, CallFixtures.answered(callId, number, "周女士", "support", "PJSIP/agent101", Instant.now()));
  }

  /** A call on ann's line: answered, one segment coached (the cards it raised kept), then ended. */
  private static void coachedCall(String callId, String token, String party, String lang, String said)
      throws Exception {
    LiveCall call = CallFixtures.answered(callId, NUMBER, "李先生", "support", "PJSIP/agent101", Instant.now());
    CallFixtures.begin(node, call);
    Http.Response r = http.post("/api/calls/" + callId + "/transcript", token,
        new JsonObject().put("party", party).put("lang", lang).put("text", said).encode());
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    // its cards are kept once the coach heard the segment: only then may the call end
    Eventually.await("the segment's cards", WAIT, () -> http.get("/api/guidance?callId=" + callId, token).array(),
        cards -> !cards.isEmpty());
    CallFixtures.end(node, call);
  }
}
