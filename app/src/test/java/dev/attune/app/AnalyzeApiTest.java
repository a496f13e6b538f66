package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /api/assist/analyze} on a real node with the shipped rule packs: stateless QA of one utterance. */
class AnalyzeApiTest {
  private static TestCluster cluster;
  private static Http http;
  private static String token;

  @BeforeAll
  static void startNode() throws Exception {
    cluster = new TestCluster();
    Map<String, String> env = cluster.environment();
    env.put("ATTUNE_COMMITMENTS_TIMEZONE", "Asia/Shanghai");
    http = new Http(cluster.startNode(env).httpPort());
    token = http.login("ann", TestCluster.PASSWORD);
  }

  @AfterAll
  static void stopNode() throws Exception {
    cluster.close();
  }

  private static JsonObject analyze(JsonObject body) {
    Http.Response r = http.post("/api/assist/analyze", token, body.encode());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static List<String> categories(JsonObject result) {
    return result.getJsonArray("guidance").stream().map(g -> ((JsonObject) g).getString("category")).toList();
  }

  @Test
  void aParaphraseThePhraseListsMissIsRecalledByTheSentenceModelWithItsEvidence() throws Exception {
    http.awaitSentenceModel(java.time.Duration.ofSeconds(90)); // else the first answer waits for the models to load
    JsonObject result = analyze(new JsonObject().put("party", "agent").put("lang", "en")
        .put("text", "The shop that sold you the phone should have explained that, it's a retail matter."));
    assertThat(categories(result)).containsExactly("blame");
    assertThat(result.getJsonArray("guidance").getJsonObject(0).getString("evidence")).startsWith("close to: “");
    JsonObject customer = analyze(new JsonObject().put("party", "customer").put("lang", "en")
        .put("text", "The shop that sold you the phone should have explained that, it's a retail matter."));
    assertThat(categories(customer)).as("agent wording from the customer").isEmpty();
  }

  @Test
  void anOverPromiseAndAFollowUpWithItsDeadlineRelativeToWhenItWasSaid() {
    JsonObject result = analyze(new JsonObject().put("party", "agent").put("lang", "en")
        .put("at", "2026-11-23T10:00:00+08:00")
        .put("text", "I guarantee it will work. I'll call you back tomorrow before 3pm."));
    assertThat(categories(result)).contains("overpromise");
    JsonObject card = result.getJsonArray("guidance").getJsonObject(categories(result).indexOf("overpromise"));
    assertThat(card.getString("kind")).isEqualTo("WORDING");
    assertThat(card.getString("severity")).isIn("INFO", "WARNING", "SEVERE");
    assertThat(card.getString("message")).isNotBlank();
    assertThat(card.getString("suggestion")).isNotBlank();
    assertThat(card.getString("evidence")).containsIgnoringCase("guarantee");
    JsonArray promises = result.getJsonArray("commitments");
    assertThat(promises).hasSize(1);
    assertThat(promises.getJsonObject(0).getString("due")).isEqualTo("2026-11-24T15:00:00+08:00");
    assertThat(promises.getJsonObject(0).getBoolean("dueStated")).isTrue();
  }

  /**
   * Clock times are read in timeZone when given, else in the center's zone (Asia/Shanghai here): the offset of at
   * places the moment and never shifts a promised 3pm.
   */
  @Test
  void clockTimesAreReadInTheGivenZoneElseTheCentersAndAtsOffsetNeverShiftsThem() {
    String said = "I'll call you back tomorrow before 3pm.";
    JsonObject berlinOffset = analyze(new JsonObject().put("party", "agent").put("lang", "en")
        .put("at", "2026-11-23T10:00:00+01:00").put("text", said));
    assertThat(berlinOffset.getJsonArray("commitments").getJsonObject(0).getString("due"))
        .as("10:00 in Berlin is 17:00 Monday in Shanghai: tomorrow 3pm there").isEqualTo("2026-11-24T15:00:00+08:00");
    JsonObject lateBerlin = analyze(new JsonObject().put("party", "agent").put("lang", "en")
        .put("at", "2026-11-23T20:00:00+01:00").put("text", said));
    assertThat(lateBerlin.getJsonArray("commitments").getJsonObject(0).getString("due"))
        .as("20:00 Monday in Berlin is already Tuesday in Shanghai").isEqualTo("2026-11-25T15:00:00+08:00");
    JsonObject newYork = analyze(new JsonObject().put("party", "agent").put("lang", "en")
        .put("at", "2026-11-23T15:00:00Z").put("timeZone", "America/New_York").put("text", said));
    assertThat(newYork.getJsonArray("commitments").getJsonObject(0).getString("due")).isEqualTo("2026-11-24T15:00:00-05:00");
    JsonObject now = analyze(new JsonObject().put("party", "agent").put("lang", "en")
        .put("timeZone", "Europe/Berlin").put("text", said));
    java.time.OffsetDateTime due = java.time.OffsetDateTime.parse(
        now.getJsonArray("commitments").getJsonObject(0).getString("due"));
    // (the day depends on when the test runs, the clock it is written in does not)
    assertThat(due.getOffset()).isEqualTo(java.time.ZoneId.of("Europe/Berlin").getRules().getOffset(due.toInstant()));
  }

  @Test
  void chineseIsCheckedWithTheChinesePackAndLanguageIsDetectedWhenNotGiven() {
    assertThat(categories(analyze(new JsonObject().put("party", "agent").put("text", "这个不归我管，您找别人吧。"))))
        .contains("blame");
    JsonObject promise = analyze(new JsonObject().put("party", "agent").put("at", "2026-11-27T17:00:00+08:00")
        .put("text", "我两个工作日内给您回电。"));
    assertThat(promise.getJsonArray("commitments").getJsonObject(0).getString("due")).startsWith("2026-12-01");
  }

  @Test
  void aNegatedPromiseOfCertaintyIsFineAndTheCustomerIsNotCoachedOnWording() {
    assertThat(categories(analyze(new JsonObject().put("party", "agent").put("text", "I can't guarantee that."))))
        .doesNotContain("overpromise");
    assertThat(categories(analyze(new JsonObject().put("party", "customer").put("text", "Calm down? I guarantee you I will."))))
        .doesNotContain("calm_down", "overpromise");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no text        | {"party":"agent"}                                            | text must be a non-empty string
      bad party      | {"party":"bot","text":"hi"}                                  | party must be "agent" or "customer"
      at no offset   | {"party":"agent","text":"hi","at":"2026-11-23T10:00:00"}    | at must be ISO-8601 with an offset, e.g. 2026-11-23T10:15:00+08:00
      bad lang       | {"party":"agent","text":"hi","lang":"english please"}        | lang must be a language tag such as en, zh or zh-CN
      bad time zone  | {"party":"agent","text":"hi","timeZone":"Mars/Olympus"}     | timeZone must be an IANA time zone, e.g. Asia/Shanghai or Europe/Berlin
      not an object  | "hello"                                                      | body is not a JSON object
      """)
  void badInputIsRefusedWithWhatIsWrong(String name, String body, String message) {
    Http.Response r = http.post("/api/assist/analyze", token, body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("message")).isEqualTo(message);
  }

  @Test
  void withoutATokenNothingIsAnalyzed() {
    assertThat(http.post("/api/assist/analyze", null, "{\"party\":\"agent\",\"text\":\"hi\"}").status()).isEqualTo(401);
  }
}
