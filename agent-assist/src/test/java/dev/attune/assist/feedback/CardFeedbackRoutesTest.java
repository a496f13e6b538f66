package dev.attune.assist.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.map.IMap;
import dev.attune.assist.web.Role;
import dev.attune.assist.web.RoutesOnARealServer;
import dev.attune.assist.web.Viewer;
import dev.attune.core.bus.GuidanceItem;
import dev.attune.core.guidance.ShownCard;
import dev.attune.core.store.MapNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verdict routes on a real Hazelcast member and a real HTTP server (no database: cards come from the map). */
class CardFeedbackRoutesTest {
  private static final String ANN = "PJSIP/agent101";
  private static final String BOB = "PJSIP/agent102";
  private final Vertx vertx = Vertx.vertx();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private IMap<String, ShownCard> cards;
  private WebClient client;
  private int port;

  @BeforeEach
  void start() {
    cards = RoutesOnARealServer.member("feedback").getMap(MapNames.GUIDANCE_CARDS);
    port = RoutesOnARealServer.serve(vertx, who -> switch (who) {
      case "boss" -> new Viewer("boss", Role.SUPERVISOR, null);
      case "root" -> new Viewer("root", Role.ADMIN, null);
      default -> new Viewer(who.equals(ANN) ? "ann" : "bob", Role.AGENT, who);
    }, new CardFeedbackRoutes(cards, null, meters, Clock.systemUTC()));
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
    Hazelcast.shutdownAll();
  }

  private ShownCard shown(String id, String callId, String agent, String category) {
    GuidanceItem item = new GuidanceItem(GuidanceItem.Kind.WORDING, category, "Title", GuidanceItem.Severity.WARNING,
        "why", "better", "not my department", Instant.now(), callId, agent, id);
    ShownCard card = ShownCard.of(item, "That's not my department.", "en");
    cards.set(id, card);
    return card;
  }

  private HttpResponse<Buffer> judge(String viewer, String id, Object verdict) {
    return client.post(port, "127.0.0.1", "/api/guidance/" + id + "/feedback").putHeader(RoutesOnARealServer.VIEWER_HEADER, viewer)
        .sendJsonObject(new JsonObject().put("verdict", verdict)).await();
  }

  private HttpResponse<Buffer> get(String viewer, String path) {
    return client.get(port, "127.0.0.1", path).putHeader(RoutesOnARealServer.VIEWER_HEADER, viewer).send().await();
  }

  @Test
  void theAgentsVerdictIsKeptWithTheCardAndCounted() {
    shown("c1", "pbx:1.1", ANN, "blame");
    HttpResponse<Buffer> wrong = judge(ANN, "c1", "wrong");
    assertThat(wrong.statusCode()).isEqualTo(200);
    assertThat(wrong.bodyAsJsonObject().getString("verdict")).isEqualTo("WRONG");
    ShownCard kept = cards.get("c1");
    assertThat(kept.verdict()).isEqualTo(ShownCard.Verdict.WRONG);
    assertThat(kept.verdictBy()).isEqualTo("ann");
    assertThat(kept.utterance()).isEqualTo("That's not my department.");
    assertThat(judge(ANN, "c1", "Helpful").statusCode()).isEqualTo(200); // the last verdict counts
    assertThat(cards.get("c1").verdict()).isEqualTo(ShownCard.Verdict.HELPFUL);
    assertThat(meters.counter("attune.guidance.feedback", "category", "blame", "verdict", "wrong").count()).isEqualTo(1);
    assertThat(meters.counter("attune.guidance.feedback", "category", "blame", "verdict", "helpful").count()).isEqualTo(1);
  }

  @Test
  void unknownCardsOtherAgentsCardsAndUnknownVerdictsAreRefusedAndChangeNothing() {
    shown("c1", "pbx:1.1", ANN, "blame");
    assertThat(judge(ANN, "nope", "wrong").statusCode()).isEqualTo(404);
    HttpResponse<Buffer> notMine = judge(BOB, "c1", "wrong");
    assertThat(notMine.statusCode()).isEqualTo(403);
    for (Object bad : new Object[] {"meh", 3, null}) {
      HttpResponse<Buffer> refused = judge(ANN, "c1", bad);
      assertThat(refused.statusCode()).as("verdict %s", bad).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("message")).isEqualTo("verdict must be helpful, wrong or dismissed");
    }
    assertThat(cards.get("c1").verdict()).isNull();
    assertThat(judge("boss", "c1", "dismissed").statusCode()).as("a supervisor sees every card").isEqualTo(200);
  }

  @Test
  void aCallsCardsAreListedForWhoMaySeeThem() {
    shown("c1", "pbx:1.1", ANN, "blame");
    shown("c2", "pbx:1.1", BOB, "jargon"); // the call was transferred to bob
    shown("c3", "pbx:2.1", ANN, "blame");
    JsonArray anns = get(ANN, "/api/guidance?callId=pbx:1.1").bodyAsJsonArray();
    assertThat(anns.stream().map(o -> ((JsonObject) o).getString("id")).toList()).containsExactly("c1");
    JsonArray all = get("boss", "/api/guidance?callId=pbx:1.1").bodyAsJsonArray();
    assertThat(all).hasSize(2);
    assertThat(get(ANN, "/api/guidance").statusCode()).isEqualTo(400);
  }

  @Test
  void onlyAdminsReadTheReportWhoseCountsAreTheVerdictsGiven() {
    shown("c1", "pbx:1.1", ANN, "blame");
    shown("c2", "pbx:1.1", ANN, "blame");
    shown("c3", "pbx:2.1", BOB, "jargon");
    judge(ANN, "c1", "wrong");
    judge(BOB, "c3", "helpful");
    assertThat(get(ANN, "/api/guidance/feedback").statusCode()).isEqualTo(403);
    assertThat(get("boss", "/api/guidance/feedback").statusCode()).isEqualTo(403);
    assertThat(get("root", "/api/guidance/feedback?days=0").statusCode()).isEqualTo(400);
    JsonObject report = get("root", "/api/guidance/feedback?days=7").bodyAsJsonObject();
    JsonObject blame = report.getJsonArray("categories").getJsonObject(0);
    assertThat(blame.getString("category")).isEqualTo("blame");
    assertThat(List.of(blame.getInteger("shown"), blame.getInteger("helpful"), blame.getInteger("wrong"),
        blame.getInteger("dismissed"))).containsExactly(2, 0, 1, 0);
    assertThat(blame.getJsonArray("wrongExamples").getJsonObject(0).getString("utterance"))
        .isEqualTo("That's not my department.");
    JsonObject jargon = report.getJsonArray("categories").getJsonObject(1);
    assertThat(jargon.getInteger("helpful")).isEqualTo(1);
  }
}
