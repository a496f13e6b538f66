package dev.attune.app;

import dev.attune.core.bus.Json;
import dev.attune.core.bus.HeardSegment;
import dev.attune.core.bus.Bus;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.attune.core.bus.Addresses;
import dev.attune.core.store.MapNames;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Transcript intake on a real node, over HTTP and the WebSocket: who may post for which call, what a malformed
 * segment is told, and that accepted segments reach the cluster with the call's agent attached.
 */
class TranscriptIntakeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");
  private static final String ANNS_CALL = "pbx:2001.1";
  private static final String BOBS_CALL = "pbx:2002.1";

  private static TestCluster cluster;
  private static AttuneNode node;
  private static Http http;
  private static final List<JsonObject> published = new CopyOnWriteArrayList<>();
  private static Vertx clientVertx;
  private static WebSocketClient client;

  @BeforeAll
  static void startNode() throws Exception {
    cluster = new TestCluster();
    node = cluster.startNode();
    http = new Http(node.httpPort());
    IMap<Object, Object> live = node.hazelcast().getMap(MapNames.LIVE_CALLS);
    live.put(ANNS_CALL, CallFixtures.stored(CallFixtures.answered(ANNS_CALL, "+15550101", "Ann's caller", "support", "PJSIP/agent101", NOW)));
    live.put(BOBS_CALL, CallFixtures.stored(CallFixtures.answered(BOBS_CALL, "+15550102", "Bob's caller", "sales", "PJSIP/agent102", NOW)));
    Bus.listen(node.vertx(), Addresses.TRANSCRIPTS, HeardSegment.class,
        heard -> published.add(new JsonObject(Json.write(heard)))).completion().await(10, TimeUnit.SECONDS);
    clientVertx = Vertx.vertx();
    client = clientVertx.createWebSocketClient();
  }

  @AfterAll
  static void stopNode() throws Exception {
    clientVertx.close().await(10, TimeUnit.SECONDS);
    cluster.close();
  }

  private static List<JsonObject> publishedFor(String marker) {
    return published.stream().filter(p -> p.getJsonObject("segment").getString("text").contains(marker)).toList();
  }

  @Test
  void agentPostsForTheirOwnCallAndTheSegmentReachesTheClusterWithTheCallsAgent() throws Exception {
    String token = http.login("ann", TestCluster.PASSWORD);
    Http.Response r = http.post("/api/calls/" + ANNS_CALL + "/transcript", token, new JsonObject().put("party", "agent")
        .put("text", "marker-own let me check that for you").put("startMs", 1200).put("endMs", 2900).put("final", false)
        .put("lang", "en-US").encode());
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().getBoolean("final")).isFalse();
    JsonObject heard = Eventually.await("the segment on the bus", WAIT, () -> publishedFor("marker-own"), l -> l.size() == 1).get(0);
    assertThat(heard.getString("agent")).isEqualTo("PJSIP/agent101");
    assertThat(heard.getString("caller")).isEqualTo("+15550101");
    JsonObject segment = heard.getJsonObject("segment");
    assertThat(segment.getString("callId")).isEqualTo(ANNS_CALL);
    assertThat(segment.getString("party")).isEqualTo("AGENT");
    assertThat(segment.getLong("startMs")).isEqualTo(1200);
    assertThat(segment.getLong("endMs")).isEqualTo(2900);
    assertThat(segment.getString("lang")).isEqualTo("en-us");
  }

  @Test
  void agentCannotPostForAnotherAgentsCallNorLearnThatItExists() throws Exception {
    String ann = http.login("ann", TestCluster.PASSWORD);
    String body = new JsonObject().put("party", "customer").put("text", "marker-foreign hello").encode();
    Http.Response foreign = http.post("/api/calls/" + BOBS_CALL + "/transcript", ann, body);
    Http.Response missing = http.post("/api/calls/pbx:does-not-exist/transcript", ann, body);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(foreign.json().getString("message")).startsWith("no live call");
    assertThat(http.post("/api/calls/" + BOBS_CALL + "/transcript", null, body).status()).isEqualTo(401);

    // The supervisor may post for any call (an ASR connector signs in as one); once that arrives, ann's would have.
    String sue = http.login("sue", TestCluster.PASSWORD);
    assertThat(http.post("/api/calls/" + BOBS_CALL + "/transcript", sue,
        new JsonObject().put("party", "customer").put("text", "marker-foreign-sue hi").encode()).status()).isEqualTo(202);
    Eventually.await("sue's segment", WAIT, () -> publishedFor("marker-foreign-sue"), l -> l.size() == 1);
    assertThat(publishedFor("marker-foreign hello")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no party            | {"text":"hello"}                                              | party must be "agent" or "customer"
      unknown party       | {"party":"robot","text":"hello"}                              | party must be "agent" or "customer"
      empty text          | {"party":"agent","text":"   "}                                | text must be a non-empty string
      text not a string   | {"party":"agent","text":42}                                   | text must be a non-empty string
      end before start    | {"party":"agent","text":"hi","startMs":5000,"endMs":4000}     | endMs (4000) is before startMs (5000)
      negative time       | {"party":"agent","text":"hi","startMs":-1}                    | startMs must be a whole number of milliseconds, 0 or more
      time as text        | {"party":"agent","text":"hi","endMs":"soon"}                  | endMs must be a whole number of milliseconds, 0 or more
      final not boolean   | {"party":"agent","text":"hi","final":"yes"}                   | final must be true or false
      bad language tag    | {"party":"agent","text":"hi","lang":"<script>"}               | lang must be a language tag such as en, zh or zh-CN
      not an object       | [1,2,3]                                                       | body is not a JSON object
      not JSON            | {party: agent                                                 | body is not a JSON object
      """)
  void malformedSegmentIsRefusedWithWhatIsWrong(String name, String body, String message) {
    String token = http.login("sue", TestCluster.PASSWORD);
    Http.Response r = http.post("/api/calls/" + ANNS_CALL + "/transcript", token, body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("message")).isEqualTo(message);
  }

  @Test
  void overlongSegmentIsRefused() {
    String token = http.login("sue", TestCluster.PASSWORD);
    Http.Response r = http.post("/api/calls/" + ANNS_CALL + "/transcript", token,
        new JsonObject().put("party", "agent").put("text", "a".repeat(4001)).encode());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("message")).contains("4001 characters");
  }

  @Test
  void segmentSentOverTheWebSocketIsAcknowledgedOnThatSocketOnly() throws Exception {
    Screen screen = Screen.open(client, node, "ann");
    WebSocket ws = screen.socket();
    List<JsonObject> frames = screen.frames();
    ws.writeTextMessage(new JsonObject().put("type", "transcript").put("ref", 7).put("callId", ANNS_CALL)
        .put("segment", new JsonObject().put("party", "customer").put("text", "marker-ws it broke again")).encode());
    ws.writeTextMessage(new JsonObject().put("type", "transcript").put("ref", 8).put("callId", BOBS_CALL)
        .put("segment", new JsonObject().put("party", "customer").put("text", "marker-ws-foreign")).encode());
    ws.writeTextMessage(new JsonObject().put("type", "transcript").put("ref", 9).encode());

    JsonObject accepted = Eventually.await("the ack", WAIT,
        () -> frames.stream().filter(f -> "transcript-accepted".equals(f.getString("type"))).toList(), l -> l.size() == 1).get(0);
    List<JsonObject> errors = Eventually.await("two errors", WAIT,
        () -> frames.stream().filter(f -> "error".equals(f.getString("type"))).toList(), l -> l.size() == 2);
    assertThat(accepted.getInteger("ref")).isEqualTo(7);
    assertThat(errors).extracting(e -> e.getInteger("ref")).containsExactlyInAnyOrder(8, 9);
    assertThat(errors).extracting(e -> e.getString("message"))
        .contains("no live call " + BOBS_CALL, "a transcript frame needs callId and segment {party, text, ...}");
    Eventually.await("the segment on the bus", WAIT, () -> publishedFor("marker-ws it broke"), l -> l.size() == 1);
    assertThat(publishedFor("marker-ws-foreign")).isEmpty();
    ws.close();
  }

  /** Segments as a recognizer or a connector sends them, hostile text included. */
  private static final List<String> SEGMENTS = List.of(
      new JsonObject().put("party", "agent").put("text", "marker-fuzz let me check that for you").put("startMs", 1200)
          .put("endMs", 2900).put("final", false).put("lang", "en-US").encode(),
      new JsonObject().put("party", "customer").put("text", "marker-fuzz 我已经等了三天了，到底怎么回事？")
          .put("final", true).put("lang", "zh-CN").encode(),
      new JsonObject().put("party", "customer").put("text", "marker-fuzz <img src=x onerror=alert(1)> \u202e😀")
          .put("startMs", 0).put("endMs", 10).encode());

  /**
   * Fuzz over HTTP: mutated segment bodies (bytes, so not always UTF-8). Every answer is 202 or a 4xx with a message
   * for a person, never a 5xx; the accepted and refused counters move by exactly the 202s and the 400s.
   */
  @Test
  void mutatedSegmentsOverHttpGetAClearAnswerAndTheCountersMatch() {
    String token = http.login("sue", TestCluster.PASSWORD);
    dev.attune.core.testing.Fuzz fuzz = dev.attune.core.testing.Fuzz.forSurface("transcript-http");
    double acceptedBefore = segments("accepted");
    double refusedBefore = segments("refused");
    int accepted = 0;
    int refused = 0;
    for (int n = 0; n < dev.attune.core.testing.Fuzz.cases(); n++) {
      byte[] body = fuzz.mutate(fuzz.pick(SEGMENTS).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Http.Response r = http.postBytes("/api/calls/" + ANNS_CALL + "/transcript", token, body);
      assertThat(r.status()).as(fuzz.describe(n) + ": " + r.body()).isIn(202, 400, 413);
      if (r.status() == 202) {
        accepted++;
      } else {
        assertThat(r.json().getString("message")).as(fuzz.describe(n)).isNotBlank().doesNotContain("Exception");
        refused += r.status() == 400 ? 1 : 0;
      }
    }
    assertThat(accepted).as("mutations still a segment").isPositive().isLessThan(dev.attune.core.testing.Fuzz.cases());
    assertThat(segments("accepted") - acceptedBefore).isEqualTo(accepted);
    assertThat(segments("refused") - refusedBefore).as("segments refused").isEqualTo(refused);
  }

  /**
   * Fuzz over the WebSocket: mutated transcript frames on an agent's screen. A frame that is not a JSON object is
   * answered with an error and counted in {@code attune.web.inbound.rejected}; a transcript frame gets exactly one
   * answer (accepted or an error) and is counted accepted or refused; other types are ignored; and the socket stays
   * open throughout.
   */
  @Test
  void mutatedTranscriptFramesOverTheWebSocketAreAnsweredOnceOrCountedAndTheSocketStaysOpen() throws Exception {
    Screen screen = Screen.open(client, node, "ann");
    dev.attune.core.testing.Fuzz fuzz = dev.attune.core.testing.Fuzz.forSurface("transcript-ws");
    double rejectedBefore = node.registry().get(dev.attune.core.metrics.MetricNames.WEB_INBOUND_REJECTED).counter()
        .count();
    double segmentsBefore = segments("accepted") + segments("refused");
    int notJson = 0;
    int transcriptFrames = 0;
    for (int n = 0; n < dev.attune.core.testing.Fuzz.cases(); n++) {
      String frame = fuzz.mutate(new JsonObject().put("type", "transcript").put("ref", n).put("callId", ANNS_CALL)
          .put("segment", new JsonObject(fuzz.pick(SEGMENTS))).encode());
      JsonObject parsed = null;
      try {
        parsed = new JsonObject(frame);
      } catch (RuntimeException e) {
        notJson++;
      }
      if (parsed != null && "transcript".equals(parsed.getValue("type"))) {
        transcriptFrames++;
      }
      screen.socket().writeTextMessage(frame).await(10, TimeUnit.SECONDS);
      if (parsed == null || "transcript".equals(parsed.getValue("type"))) {
        // one frame at a time, as a screen waits for its answer: a burst would fill the socket's write queue, and
        // the node drops frames to a socket that does not keep up
        int answers = notJson + transcriptFrames;
        Eventually.await(fuzz.describe(n) + ": its answer, and no other", WAIT,
            () -> screen.ofType("transcript-accepted").size() + screen.ofType("error").size(), got -> got == answers);
      }
    }
    assertThat(node.registry().get(dev.attune.core.metrics.MetricNames.WEB_INBOUND_REJECTED).counter().count()
        - rejectedBefore).isEqualTo(notJson);
    assertThat(segments("accepted") + segments("refused") - segmentsBefore).as("transcript frames counted")
        .isEqualTo(transcriptFrames);
    assertThat(notJson).as("mutations that are not JSON").isPositive();
    assertThat(screen.ofType("transcript-accepted")).as("mutations still a segment").isNotEmpty();
    int pongs = screen.ofType("pong").size();
    screen.socket().writeTextMessage(new JsonObject().put("type", "ping").encode());
    Eventually.await("a pong: the socket is still open", WAIT, () -> screen.ofType("pong").size(), p -> p == pongs + 1);
    screen.socket().close();
  }

  private static double segments(String result) {
    var counter = node.registry().find(dev.attune.core.metrics.MetricNames.TRANSCRIPT_SEGMENTS).tag("result", result)
        .counter();
    return counter == null ? 0 : counter.count();
  }
}
