package dev.attune.app;

import dev.attune.core.bus.BusMessage;
import dev.attune.core.bus.Bus;
import dev.attune.core.bus.Alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attune.core.bus.GuidanceItem;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.HeardSegment;
import dev.attune.core.bus.Json;
import dev.attune.core.bus.SpeechFeatures;
import dev.attune.core.bus.TranscriptSegment;
import dev.attune.core.calls.Party;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.LiveCall;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket push across a real two-member cluster: events published once on one node reach each browser once,
 * whichever node it is connected to, filtered by what its token may see.
 */
class LiveFeedTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");

  private static TestCluster cluster;
  private static AttuneNode nodeA;
  private static AttuneNode nodeB;
  private static Vertx clientVertx;
  private static WebSocketClient client;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new TestCluster();
    nodeA = cluster.startNode();
    nodeB = cluster.startNode();
    Eventually.await("a two-member cluster", WAIT, () -> nodeB.hazelcast().getCluster().getMembers().size(), n -> n == 2);
    clientVertx = Vertx.vertx();
    client = clientVertx.createWebSocketClient();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    clientVertx.close().await(10, TimeUnit.SECONDS);
    cluster.close();
  }

  private static Screen open(AttuneNode node, String user) throws Exception {
    return Screen.open(client, node, user);
  }

  private static LiveCall call(String id, String agent, CallState state) {
    LiveCall c = CallFixtures.answered(id, "+1555" + id.hashCode(), "caller " + id, "support", agent, NOW);
    return new LiveCall(c.id(), c.linkedid(), c.caller(), c.callerName(), c.direction(), c.queue(), c.agent(), state,
        c.offeredAt(), c.queuedAt(), c.answeredAt(), state == CallState.HELD ? NOW.plusSeconds(30) : null, 0,
        state == CallState.HELD ? 1 : 0, 0, NOW);
  }

  @Test
  void agentReceivesOnlyTheirCallsWhileSupervisorReceivesAllExactlyOnce() throws Exception {
    Screen ann = open(nodeB, "ann");      // agent PJSIP/agent101, on the node that does NOT publish
    Screen bob = open(nodeA, "bob");      // agent PJSIP/agent102
    Screen sue = open(nodeB, "sue");      // supervisor
    Screen ada = open(nodeA, "ada");      // admin, on the publishing node

    var bus = new Publisher(nodeA);
    bus.publish(Addresses.CALL_EVENTS, CallFixtures.answeredMessage(call("pbx:1.1", "PJSIP/agent101", CallState.ANSWERED)));
    bus.publish(Addresses.CALL_EVENTS, CallFixtures.answeredMessage(call("pbx:2.1", "PJSIP/agent102", CallState.ANSWERED)));
    // Something that is not a call event (a foreign publisher) is skipped on every node; nothing after it is lost.
    nodeA.vertx().eventBus().publish(Addresses.CALL_EVENTS, "{\"event\": \"not typed\"}");
    bus.publish(Addresses.CALL_EVENTS, CallFixtures.answeredMessage(call("pbx:1.1", "PJSIP/agent101", CallState.HELD)));

    Eventually.await("ann sees her call held", WAIT, () -> ann.callStates("pbx:1.1"), s -> s.size() == 2);
    Eventually.await("sue sees all three events", WAIT, () -> sue.ofType("call").size(), n -> n >= 3);
    Eventually.await("ada sees all three events", WAIT, () -> ada.ofType("call").size(), n -> n >= 3);
    Eventually.await("bob sees his call", WAIT, () -> bob.callStates("pbx:2.1"), s -> s.size() == 1);
    // A last event on its own call: once it arrives, any duplicate of the earlier ones would have arrived too.
    bus.publish(Addresses.CALL_EVENTS, CallFixtures.answeredMessage(call("pbx:3.1", "PJSIP/agent109", CallState.ANSWERED)));
    Eventually.await("sue sees the last event", WAIT, () -> sue.callStates("pbx:3.1"), s -> s.size() == 1);
    Eventually.await("ada sees the last event", WAIT, () -> ada.callStates("pbx:3.1"), s -> s.size() == 1);

    assertThat(ann.callStates("pbx:1.1")).containsExactly("ANSWERED", "HELD");
    assertThat(ann.callStates("pbx:2.1")).isEmpty();
    assertThat(ann.callStates("pbx:3.1")).isEmpty();
    assertThat(bob.callStates("pbx:1.1")).isEmpty();
    assertThat(sue.callStates("pbx:1.1")).containsExactly("ANSWERED", "HELD");
    assertThat(sue.callStates("pbx:2.1")).containsExactly("ANSWERED");
    assertThat(sue.ofType("call")).hasSize(4);
    assertThat(ada.ofType("call")).hasSize(4);
    JsonObject frame = ann.ofType("call").get(0);
    assertThat(frame.getJsonObject("event").getString("type")).isEqualTo("CallAnswered");
    assertThat(frame.getJsonObject("call").getString("agent")).isEqualTo("PJSIP/agent101");
  }

  @Test
  void transferredCallDisappearsFromTheFirstAgentsScreenWithoutNamingTheNewAgent() throws Exception {
    Screen ann = open(nodeA, "ann");
    var bus = new Publisher(nodeB);
    bus.publish(Addresses.CALL_EVENTS, CallFixtures.answeredMessage(call("pbx:7.1", "PJSIP/agent101", CallState.ANSWERED)));
    Eventually.await("ann sees the call", WAIT, () -> ann.callStates("pbx:7.1"), s -> s.size() == 1);
    bus.publish(Addresses.CALL_EVENTS, CallFixtures.answeredMessage(call("pbx:7.1", "PJSIP/agent102", CallState.ANSWERED)));
    JsonObject gone = Eventually.await("ann told the call left", WAIT, () -> ann.ofType("callGone"), l -> l.size() == 1).get(0);
    assertThat(gone.getString("id")).isEqualTo("pbx:7.1");
    assertThat(gone.encode()).doesNotContain("agent102");
  }

  /** Live words and voice figures go to the agent on the call now, and to nobody else (not even supervisors). */
  @Test
  void aCallsWordsAndVoicesGoToTheAgentOnItOnlyAndFollowATransfer() throws Exception {
    Screen ann = open(nodeB, "ann");
    Screen bob = open(nodeA, "bob");
    Screen sue = open(nodeB, "sue");
    var bus = new Publisher(nodeA);
    bus.publish(Addresses.CALL_EVENTS, CallFixtures.answeredMessage(call("pbx:9.1", "PJSIP/agent101", CallState.ANSWERED)));
    Eventually.await("ann sees the call", WAIT, () -> ann.callStates("pbx:9.1"), s -> s.size() == 1);
    bus.publish(Addresses.SPEECH_FEATURES, voice("pbx:9.1", 0.7));
    bus.publish(Addresses.TRANSCRIPTS, new HeardSegment(new TranscriptSegment("pbx:9.1", Party.CUSTOMER,
        "<b>where is my parcel</b>", 0, 900, true, "en"), "PJSIP/agent101", "+15550909", "caller", NOW));
    JsonObject speech = Eventually.await("ann's voice meters", WAIT, () -> ann.ofType("speech"), l -> l.size() == 1).get(0);
    assertThat(speech.getString("callId")).isEqualTo("pbx:9.1");
    assertThat(speech.getDouble("talkShare")).isEqualTo(0.7);
    JsonObject heard = Eventually.await("ann's live transcript", WAIT, () -> ann.ofType("heard"), l -> l.size() == 1).get(0);
    assertThat(heard.getString("text")).isEqualTo("<b>where is my parcel</b>");
    assertThat(heard.getString("party")).isEqualTo("CUSTOMER");

    bus.publish(Addresses.CALL_EVENTS, CallFixtures.answeredMessage(call("pbx:9.1", "PJSIP/agent102", CallState.ANSWERED)));
    Eventually.await("bob has the call", WAIT, () -> bob.callStates("pbx:9.1"), s -> s.size() == 1);
    bus.publish(Addresses.SPEECH_FEATURES, voice("pbx:9.1", 0.4));
    Eventually.await("bob's voice meters", WAIT, () -> bob.ofType("speech"), l -> l.size() == 1);
    assertThat(ann.ofType("speech")).hasSize(1); // nothing more once the call left her
    assertThat(sue.ofType("speech")).isEmpty();
    assertThat(sue.ofType("heard")).isEmpty();
  }

  private static SpeechFeatures voice(String callId, double talkShare) {
    return new SpeechFeatures(callId, Party.AGENT, NOW, 0.8, -20, 1, 180, 2, 4.5, talkShare, 0, 0, false);
  }

  @Test
  void guidanceGoesToItsAgentAndSevereItemsAlsoToSupervisors() throws Exception {
    Screen ann = open(nodeA, "ann");
    Screen bob = open(nodeB, "bob");
    Screen sue = open(nodeB, "sue");
    var bus = new Publisher(nodeA);
    bus.publish(Addresses.GUIDANCE, guidance("pace", GuidanceItem.Severity.WARNING, "PJSIP/agent101"));
    bus.publish(Addresses.GUIDANCE, guidance("calm-down", GuidanceItem.Severity.SEVERE, "PJSIP/agent102"));
    bus.publish(Addresses.ALERTS, Alert.overdue(NOW, "c-1", "PJSIP/agent102", "+15550102", NOW,
        "I'll call you back by noon"));

    Eventually.await("sue's alert", WAIT, () -> sue.ofType("alert"), l -> l.size() == 1);
    Eventually.await("sue's severe card", WAIT, () -> sue.ofType("guidance"), l -> l.size() == 1);
    Eventually.await("bob's card", WAIT, () -> bob.ofType("guidance"), l -> l.size() == 1);
    Eventually.await("ann's card", WAIT, () -> ann.ofType("guidance"), l -> l.size() == 1);
    // ann's marker: a second card for her arrives after anything else published before it.
    bus.publish(Addresses.GUIDANCE, guidance("marker", GuidanceItem.Severity.INFO, "PJSIP/agent101"));
    Eventually.await("ann's marker", WAIT, () -> ann.ofType("guidance"), l -> l.size() == 2);

    assertThat(ann.ofType("guidance")).extracting(f -> f.getString("category")).containsExactly("pace", "marker");
    assertThat(ann.ofType("alert")).isEmpty();
    assertThat(bob.ofType("guidance")).extracting(f -> f.getString("category")).containsExactly("calm-down");
    assertThat(bob.ofType("alert")).isEmpty();
    assertThat(sue.ofType("guidance")).extracting(f -> f.getString("category")).containsExactly("calm-down");
    JsonObject alert = sue.ofType("alert").get(0);
    assertThat(alert.getString("alertType")).isEqualTo("commitment-overdue");
    assertThat(alert.getString("agent")).isEqualTo("PJSIP/agent102");
    assertThat(alert.getString("dueAt")).isEqualTo(NOW.toString());
  }

  /** Issue 17: with vertx-auth-jwt 5 the expiry was never read, so a socket outlived its token for good. */
  @Test
  void theSocketClosesWhenItsTokenExpires() throws Exception {
    io.vertx.ext.auth.jwt.JWTAuth signer = io.vertx.ext.auth.jwt.JWTAuth.create(clientVertx,
        new io.vertx.ext.auth.jwt.JWTAuthOptions().addPubSecKey(new io.vertx.ext.auth.PubSecKeyOptions()
            .setAlgorithm("HS256").setBuffer(TestCluster.JWT_SECRET)));
    String shortLived = signer.generateToken(new JsonObject().put("role", "agent").put("agent", "PJSIP/agent101"),
        new io.vertx.ext.auth.JWTOptions().setAlgorithm("HS256").setSubject("ann").setExpiresInSeconds(2));
    java.util.concurrent.CompletableFuture<Short> closed = new java.util.concurrent.CompletableFuture<>();
    client.connect(nodeA.httpPort(), "127.0.0.1", "/ws?token=" + shortLived)
        .onSuccess(ws -> ws.closeHandler(v -> closed.complete(ws.closeStatusCode())))
        .await(10, TimeUnit.SECONDS);
    assertThat(closed.get(20, TimeUnit.SECONDS)).as("close code").isEqualTo((short) 4001);
  }

  @Test
  void tokenIssuedByOneNodeIsAcceptedByTheOther() {
    String token = new Http(nodeA.httpPort()).login("sue", TestCluster.PASSWORD);
    assertThat(new Http(nodeB.httpPort()).get("/api/calls", token).status()).isEqualTo(200);
  }

  @Test
  void socketWithoutAValidTokenIsRefused() {
    assertThatThrownBy(() -> client.connect(nodeA.httpPort(), "127.0.0.1", "/ws?token=forged.token.here")
        .await(10, TimeUnit.SECONDS)).hasMessageContaining("401");
    assertThatThrownBy(() -> client.connect(nodeA.httpPort(), "127.0.0.1", "/ws").await(10, TimeUnit.SECONDS))
        .hasMessageContaining("401");
  }

  @Test
  void malformedInboundFrameGetsAnErrorAndPingGetsPong() throws Exception {
    Screen ann = open(nodeA, "ann");
    ann.socket().writeTextMessage("{this is not json").await(5, TimeUnit.SECONDS);
    ann.socket().writeTextMessage(new JsonObject().put("type", "publish").put("address", Addresses.CALL_EVENTS).encode());
    ann.socket().writeTextMessage(new JsonObject().put("type", "ping").encode());
    Eventually.await("pong", WAIT, () -> ann.ofType("pong"), l -> l.size() == 1);
    assertThat(ann.ofType("error")).hasSize(1);
    assertThat(ann.socket().isClosed()).isFalse();
    assertThat(ann.ofType("call")).isEmpty(); // the client could not inject an event
  }

  private static GuidanceItem guidance(String category, GuidanceItem.Severity severity, String agent) {
    return new GuidanceItem(GuidanceItem.Kind.WORDING, category, "Title " + category, severity, "message " + category, "try this",
        "evidence", NOW, "pbx:2.1", agent, "card-" + category);
  }

  /** Publishes typed messages from one node, as the bridge and the coach do. */
  private record Publisher(AttuneNode node) {
    void publish(String address, BusMessage message) {
      Bus.publish(node.vertx(), address, message);
    }
  }
}
