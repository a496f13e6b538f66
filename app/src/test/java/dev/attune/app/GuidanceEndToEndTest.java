package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guidance end to end on a real node with the built-in PBX (real AMI over TCP) and the shipped rule packs: a call
 * rings ann's line, her transcript goes in over HTTP, and the cards come out on the WebSockets: ann gets hers in the
 * order she spoke, bob (another agent) gets none, the supervisor gets exactly the severe ones.
 */
class GuidanceEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

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
  void theAgentOnTheCallGetsCardsInOrderAnotherAgentNoneAndTheSupervisorTheSevereOnes() throws Exception {
    List<JsonObject> ann = pbx.screen("ann").frames();
    List<JsonObject> bob = pbx.screen("bob").frames();
    List<JsonObject> sue = pbx.screen("sue").frames();
    String annToken = http.login("ann", TestCluster.PASSWORD);
    String callId = PbxCalls.answered(node, annToken, "PJSIP/agent101", "+15557770002").getString("id");

    say(annToken, callId, "customer", "This is a joke, I'm going to post this all over social media.");
    say(annToken, callId, "agent", "Sir, please calm down.");
    say(annToken, callId, "agent", "That's not my department.");
    say(annToken, callId, "agent", "I can't guarantee that, but I can escalate it to billing today.");
    say(annToken, callId, "agent", "I guarantee it will be fixed today.");

    Eventually.await("the last card (over-promising) on ann's screen", WAIT, () -> cards(ann),
        l -> l.stream().anyMatch(c -> "overpromise".equals(c.getString("category"))));
    List<JsonObject> annCards = cards(ann);
    assertThat(annCards).allSatisfy(c -> {
      assertThat(c.getString("callId")).isEqualTo(callId);
      assertThat(c.getString("agent")).isEqualTo("PJSIP/agent101");
    });
    List<String> coached = annCards.stream().filter(c -> !"CHECKLIST".equals(c.getString("kind")))
        .map(c -> c.getString("category")).toList();
    // the first utterance raises two cards at once, in no particular order; then one card per utterance, in order
    assertThat(coached).hasSize(5);
    assertThat(coached.subList(0, 2)).containsExactlyInAnyOrder("escalation_public", "customer_anger");
    assertThat(coached.subList(2, 5)).containsExactly("calm_down", "blame", "overpromise");
    JsonObject blame = annCards.stream().filter(c -> "blame".equals(c.getString("category"))).findFirst().orElseThrow();
    assertThat(blame.getString("evidence")).containsIgnoringCase("not my department");
    assertThat(blame.getString("suggestion")).isNotBlank();
    assertThat(annCards).extracting(c -> c.getString("category")).contains("checklist"); // detected as a complaint

    List<String> severe = annCards.stream().filter(c -> "SEVERE".equals(c.getString("severity")))
        .map(c -> c.getString("category")).toList();
    assertThat(severe).contains("escalation_public");
    Eventually.await("the supervisor's severe cards", WAIT, () -> cards(sue), l -> l.size() >= severe.size());
    assertThat(cards(sue)).extracting(c -> c.getString("category")).containsExactlyElementsOf(severe);
    assertThat(cards(bob)).isEmpty(); // delivered after ann's last card, had any been addressed to him
  }

  /**
   * Paraphrases no phrase of the packs matches, in both languages: the sentence model's cards reach the agent a
   * moment after the rules' would, and say which example the words came close to, in the call's language.
   */
  @Test
  void paraphrasesThePhraseListsMissGetTheModelsCardsWithTheExampleTheyCameCloseTo() throws Exception {
    http.awaitSentenceModel(Duration.ofSeconds(90)); // a segment said while the models load gets the rules only
    List<JsonObject> bob = pbx.screen("bob").frames();
    String bobToken = http.login("bob", TestCluster.PASSWORD);
    String callId = PbxCalls.answered(node, bobToken, "PJSIP/agent102", "+15557770003").getString("id");

    say(bobToken, callId, "agent", "The shop that sold you the phone should have explained that, it's a retail matter.",
        "en");
    Eventually.await("the model's card for shifting blame", WAIT, () -> cards(bob),
        l -> l.stream().anyMatch(c -> "blame".equals(c.getString("category"))));
    JsonObject english = cards(bob).stream().filter(c -> "blame".equals(c.getString("category"))).findFirst()
        .orElseThrow();
    assertThat(english.getString("evidence")).startsWith("close to: “").endsWith("”");
    assertThat(english.getString("suggestion")).isNotBlank();
    assertThat(english.getString("callId")).isEqualTo(callId);

    say(bobToken, callId, "agent", "这点划痕不仔细看根本看不出来。", "zh");
    Eventually.await("the model's card in Chinese", WAIT, () -> cards(bob),
        l -> l.stream().anyMatch(c -> "dismissive".equals(c.getString("category"))));
    JsonObject chinese = cards(bob).stream().filter(c -> "dismissive".equals(c.getString("category"))).findFirst()
        .orElseThrow();
    assertThat(chinese.getString("evidence")).startsWith("接近：“");
    assertThat(chinese.getString("title")).isEqualTo("轻视客户的问题");
  }

  private static void say(String token, String callId, String party, String text) {
    say(token, callId, party, text, "en");
  }

  private static void say(String token, String callId, String party, String text, String lang) {
    Http.Response r = http.post("/api/calls/" + callId + "/transcript", token,
        new JsonObject().put("party", party).put("text", text).put("lang", lang).put("final", true).encode());
    assertThat(r.status()).as(r.body()).isEqualTo(202);
  }

  private static List<JsonObject> cards(List<JsonObject> frames) {
    return frames.stream().filter(f -> "guidance".equals(f.getString("type"))).toList();
  }

}
