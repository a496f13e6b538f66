package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Bus;
import dev.attune.core.bus.SpeechFeatures;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.calls.Party;
import dev.attune.core.testing.ManualClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A live call's coach alerts supervisors, on a real node whose coaching clock the test moves: a customer angry for
 * {@code alerts.angryCustomerSeconds} (with their words, and listed by {@code GET /api/alerts}), and an agent rising
 * with an angry customer, each once per call. The wallboard's socket hears a call's alerts in the order they were
 * raised, so a severe card's alert raised after everything else proves a second one did not come.
 */
class AngryCustomerAlertTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ManualClock CLOCK = new ManualClock(Instant.now());

  private static TestCluster cluster;
  private static AttuneNode node;
  private static Http http;
  private static Vertx clientVertx;
  private static WebSocketClient client;

  @BeforeAll
  static void startNode() throws Exception {
    cluster = new TestCluster();
    Map<String, String> env = cluster.environment();
    env.put("ATTUNE_ALERTS_ANGRY_CUSTOMER_SECONDS", "30");
    node = cluster.startNode(env, n -> n.customizeAssist(assist -> assist.withClock(CLOCK)));
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
  void aCustomerAngryForThirtySecondsIsListedOnceWithTheirWords() throws Exception {
    Screen ann = Screen.open(client, node, "ann");
    Screen sue = Screen.open(client, node, "sue");
    LiveCall call = liveCall("pbx:970.1", "+8613700000970");
    String annToken = http.login("ann", TestCluster.PASSWORD);
    say(annToken, call, "customer", "This is ridiculous, the router died again.");
    Eventually.await("the anger card on ann's screen", WAIT, () -> categories(ann), l -> l.contains("customer_anger"));

    CLOCK.advance(Duration.ofSeconds(35));
    say(annToken, call, "customer", "Honestly, this is UNACCEPTABLE.");
    say(annToken, call, "customer", "I'm fed up with you people."); // a third cue tells supervisors nothing new
    say(annToken, call, "agent", "Sir, calm down."); // severe with an angry customer: its alert comes after the rest

    List<JsonObject> frames = Eventually.await("the severe card's alert on sue's wallboard", WAIT,
        () -> alertFrames(sue, call), l -> l.stream().anyMatch(f -> "severe-card".equals(f.getString("alertType"))));
    List<JsonObject> angry = frames.stream().filter(f -> "angry-customer".equals(f.getString("alertType"))).toList();
    assertThat(angry).as("angry-customer alerts among %s", frames).hasSize(1);
    String id = angry.get(0).getString("id");
    String sueToken = http.login("sue", TestCluster.PASSWORD);
    JsonObject kept = Eventually.await("the alert listed for supervisors", WAIT, () -> http.get("/api/alerts", sueToken)
        .array().stream().map(o -> ((JsonObject) o).getJsonObject("alert")).filter(a -> id.equals(a.getString("id")))
        .toList(), l -> l.size() == 1).get(0);
    assertThat(kept.getString("kind")).isEqualTo("angry-customer");
    assertThat(kept.getString("callId")).isEqualTo(call.id());
    assertThat(kept.getString("text")).as("the customer's words as they said them").isEqualTo("UNACCEPTABLE");
    assertThat(kept.getDouble("value")).as("seconds angry").isEqualTo(35.0);
    assertThat(kept.getString("agent")).isEqualTo("PJSIP/agent101");
    assertThat(kept.getString("customer")).isEqualTo("+8613700000970");
  }

  @Test
  void anAgentRisingWithAnAngryCustomerIsOnTheWallboardOncePerCall() throws Exception {
    Screen ann = Screen.open(client, node, "ann");
    Screen sue = Screen.open(client, node, "sue");
    LiveCall call = liveCall("pbx:971.1", "+8613700000971");
    voice(call, Party.CUSTOMER, 8.0);
    voice(call, Party.CUSTOMER, 8.5); // two loud windows: the customer is angry
    voice(call, Party.AGENT, 5.0);
    Eventually.await("ann warned once", WAIT, () -> categories(ann),
        l -> l.stream().filter("agent_escalating"::equals).count() == 1);
    CLOCK.advance(Duration.ofSeconds(46)); // past the card's cool-down
    voice(call, Party.CUSTOMER, 8.5);
    voice(call, Party.AGENT, 5.0);
    Eventually.await("ann warned again", WAIT, () -> categories(ann),
        l -> l.stream().filter("agent_escalating"::equals).count() == 2);
    say(http.login("ann", TestCluster.PASSWORD), call, "agent", "Calm down."); // the marker: a severe card's alert

    List<JsonObject> frames = Eventually.await("the severe card's alert on sue's wallboard", WAIT,
        () -> alertFrames(sue, call), l -> l.stream().anyMatch(f -> "severe-card".equals(f.getString("alertType"))));
    assertThat(frames).filteredOn(f -> "agent-escalating".equals(f.getString("alertType"))).singleElement()
        .satisfies(f -> {
          assertThat(f.getString("agent")).isEqualTo("PJSIP/agent101");
          assertThat(f.getString("customer")).isEqualTo("+8613700000971");
        });
  }

  /** ann's (PJSIP/agent101) answered call, as the bridge puts it on the map and the bus. */
  private static LiveCall liveCall(String id, String caller) {
    LiveCall call = CallFixtures.answered(id, caller, "caller " + id, "support", "PJSIP/agent101", CLOCK.instant());
    CallFixtures.begin(node, call);
    return call;
  }

  private static void say(String token, LiveCall call, String party, String text) {
    Http.Response r = http.post("/api/calls/" + call.id() + "/transcript", token,
        new JsonObject().put("party", party).put("text", text).put("lang", "en").put("final", true).encode());
    assertThat(r.status()).as(r.body()).isEqualTo(202);
  }

  /** One window of a party's voice, {@code db} over their own baseline, as the audio analysis publishes it. */
  private static void voice(LiveCall call, Party party, double db) {
    Bus.publish(node.vertx(), Addresses.SPEECH_FEATURES, new SpeechFeatures(call.id(), party, CLOCK.instant(), 0.8,
        -20 + db, db, party == Party.CUSTOMER ? 230 : 120, 2.0, 4.0, 0.5, 0, 0, false));
  }

  /** The call's alerts as a wallboard hears them, in the order they were raised. */
  private static List<JsonObject> alertFrames(Screen screen, LiveCall call) {
    return screen.ofType("alert").stream().filter(f -> call.id().equals(f.getString("callId"))).toList();
  }

  private static List<String> categories(Screen screen) {
    return screen.ofType("guidance").stream().map(f -> f.getString("category")).toList();
  }
}
