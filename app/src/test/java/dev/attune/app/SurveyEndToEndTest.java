package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.sim.agi.AgiKey;
import dev.attune.sim.traffic.ScriptedCall;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The post-call survey on a whole node with the built-in PBX: a queued call is answered, the agent hangs up first, the
 * caller stays on the line ({@code Queue(...,c)}) and the simulator takes the survey over real FastAGI to the node's
 * own port, and only then hangs the caller up over AMI. What the caller pressed shows on {@code /metrics}, on the
 * call's record and in the queue and agent figures; a caller who pressed nothing is "no answer", never a score.
 * Each case uses its own queue, so the two do not count into each other's figures.
 */
class SurveyEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

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
  void aRatingPressedAfterTheAgentHungUpIsOnTheMetricTheCallsRecordAndTheQueueAndAgentFigures() throws Exception {
    String sue = http.login("sue", TestCluster.PASSWORD);

    String callId = call("+15558880001", "Rita Rater", "support", AgiKey.digit('4'));

    JsonObject record = Eventually.await("the call's record with its survey", WAIT, () -> record(sue, callId),
        r -> r != null && r.getJsonObject("survey") != null);
    assertThat(record.getString("endedBy")).as("the agent hung up first; the survey came after").isEqualTo("AGENT");
    JsonObject survey = record.getJsonObject("survey");
    assertThat(survey.getInteger("score")).isEqualTo(4);
    assertThat(survey.getString("queue")).isEqualTo("support");
    String agent = record.getString("agent");
    assertThat(survey.getString("agent")).isEqualTo(agent).startsWith("PJSIP/agent");

    Eventually.await("the rating counted on /metrics", WAIT, () -> answers("support", "4"), n -> n == 1.0);

    JsonObject queueFigures = Eventually.await("the rating in the queue's figures", WAIT,
        () -> queueSurvey(sue, "support"), s -> s.getInteger("rated") == 1);
    assertThat(queueFigures.getInteger("noAnswer")).isZero();
    assertThat(queueFigures.getDouble("average")).isEqualTo(4.0);
    JsonObject agentFigures = Eventually.await("the rating in " + agent + "'s figures", WAIT,
        () -> agentSurvey(sue, agent), s -> s != null && s.getInteger("rated") == 1);
    assertThat(agentFigures.getDouble("average")).isEqualTo(4.0);
  }

  @Test
  void aCallerWhoPressesNothingIsRecordedAsNoAnswerNeverAsAScore() throws Exception {
    String sue = http.login("sue", TestCluster.PASSWORD);

    String callId = call("+15558880002", "Quiet Caller", "sales", AgiKey.SILENCE, AgiKey.SILENCE);

    JsonObject record = Eventually.await("the call's record with its survey", WAIT, () -> record(sue, callId),
        r -> r != null && r.getJsonObject("survey") != null);
    assertThat(record.getJsonObject("survey").getValue("score")).as("no answer, not a made-up score").isNull();

    Eventually.await("no answer counted on /metrics", WAIT, () -> answers("sales", "none"), n -> n == 1.0);
    for (String score : List.of("1", "2", "3", "4", "5")) {
      assertThat(answers("sales", score)).as("score " + score + " on /metrics").isZero();
    }
    JsonObject queueFigures = Eventually.await("no answer in the queue's figures", WAIT,
        () -> queueSurvey(sue, "sales"), s -> s.getInteger("noAnswer") == 1);
    assertThat(queueFigures.getInteger("rated")).isZero();
    assertThat(queueFigures.getValue("average")).isNull();
    JsonObject agentFigures = Eventually.await("no answer in the agent's figures", WAIT,
        () -> agentSurvey(sue, record.getString("agent")), s -> s != null && s.getInteger("noAnswer") == 1);
    assertThat(agentFigures.getInteger("rated")).isZero();
  }

  /** A queued call whose agent talks a second and hangs up; the caller then presses {@code keys}. */
  private static String call(String caller, String name, String queue, AgiKey... keys) throws Exception {
    return node.simulator().offer(new ScriptedCall(caller, name, queue, 1, List.of(keys))).await(10, TimeUnit.SECONDS);
  }

  private static JsonObject record(String token, String callId) {
    return http.get("/api/history?limit=1000", token).array().stream().map(JsonObject.class::cast)
        .filter(r -> callId.equals(r.getString("id"))).findFirst().orElse(null);
  }

  private static JsonObject queueSurvey(String token, String queue) {
    return http.get("/api/queues", token).json().getJsonArray("queues").stream().map(JsonObject.class::cast)
        .filter(q -> queue.equals(q.getString("queue"))).findFirst().orElseThrow()
        .getJsonObject("last15").getJsonObject("survey");
  }

  private static JsonObject agentSurvey(String token, String agent) {
    return http.get("/api/queues", token).json().getJsonArray("agents").stream().map(JsonObject.class::cast)
        .filter(a -> agent.equals(a.getString("agent"))).findFirst()
        .map(a -> a.getJsonObject("today").getJsonObject("survey")).orElse(null);
  }

  /** {@code callcenter_survey_answers_total{queue,score}} as a scrape shows it; 0 when the series is not there. */
  private static double answers(String queue, String score) {
    Matcher line = Pattern.compile("(?m)^callcenter_survey_answers_total\\{([^}]*)} (\\S+)$")
        .matcher(http.get("/metrics", null).body());
    while (line.find()) {
      if (line.group(1).contains("queue=\"" + queue + "\"") && line.group(1).contains("score=\"" + score + "\"")) {
        return Double.parseDouble(line.group(2));
      }
    }
    return 0;
  }
}
