package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.hazelcast.map.IMap;
import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.EndedBy;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.store.MapNames;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/queues} on a real node with its database: a known mix of finished and live calls gives the
 * figures the Prometheus rules would (offered = entered the queue; service level = answered within T ÷ offered;
 * abandonment = abandoned ÷ offered), per period.
 */
class QueuesApiTest {
  private static final Instant NOW = Instant.now();
  private static TestCluster cluster;
  private static Http http;

  @BeforeAll
  static void startNode() throws Exception {
    cluster = new TestCluster();
    AttuneNode node = cluster.startNode(cluster.atMidday()); // the calls of the last half hour are all today's
    http = new Http(node.httpPort());
    IMap<Object, Object> history = node.hazelcast().getMap(MapNames.CALL_HISTORY);
    int n = 0;
    for (long wait : new long[] {5, 15, 25, 70}) { // answered in the last 15 minutes
      history.put("pbx:q" + n, CallFixtures.stored(ended("pbx:q" + n++, "support", CallOutcome.ANSWERED, 600, wait)));
    }
    for (long wait : new long[] {8, 40}) {
      history.put("pbx:q" + n, CallFixtures.stored(ended("pbx:q" + n++, "support", CallOutcome.ABANDONED, 300, wait)));
    }
    history.put("pbx:q" + n, CallFixtures.stored(ended("pbx:q" + n++, "support", CallOutcome.TIMED_OUT, 400, 90)));
    history.put("pbx:q" + n, CallFixtures.stored(ended("pbx:q" + n++, "support", CallOutcome.ANSWERED, 1800, 3))); // 30 min ago
    history.put("pbx:q" + n, CallFixtures.stored(ended("pbx:q" + n, "sales", CallOutcome.ABANDONED, 200, 12)));
    IMap<Object, Object> live = node.hazelcast().getMap(MapNames.LIVE_CALLS);
    live.put("pbx:l1", CallFixtures.stored(CallFixtures.answered("pbx:l1", "+15550001", "talking", "support",
        "PJSIP/agent101", NOW.minusSeconds(100)))); // queued 12 s before its answer
    Instant queued = NOW.minusSeconds(12);
    live.put("pbx:l2", CallFixtures.stored(new LiveCall("pbx:l2", "l2", "+15550002", "waiting", Direction.INBOUND,
        "support", null, CallState.QUEUED, queued, queued, null, null, 0, 0, 0, queued)));
  }

  @AfterAll
  static void stopNode() throws Exception {
    cluster.close();
  }

  /** A call that entered {@code queue} {@code agoSeconds} ago, waited {@code wait} s and then ended as said. */
  private static CallRecord ended(String id, String queue, CallOutcome outcome, long agoSeconds, long wait) {
    Instant queuedAt = NOW.minusSeconds(agoSeconds);
    Instant answeredAt = outcome == CallOutcome.ANSWERED ? queuedAt.plusSeconds(wait) : null;
    Instant endedAt = answeredAt != null ? answeredAt.plusSeconds(60) : queuedAt.plusSeconds(wait);
    return new CallRecord(id, "+1555" + id.hashCode(), queue, answeredAt == null ? null : "PJSIP/agent101", outcome,
        EndedBy.CUSTOMER, queuedAt.minusSeconds(1), queuedAt, answeredAt, endedAt, wait,
        answeredAt == null ? 0 : 60, 0, 0, 0, "16", false, List.of());
  }

  private static JsonObject queue(JsonObject body, String name) {
    return body.getJsonArray("queues").stream().map(JsonObject.class::cast)
        .filter(q -> name.equals(q.getString("queue"))).findFirst().orElseThrow();
  }

  @Test
  void theFiguresOfEachPeriodFollowTheDashboardsDefinitions() {
    String sue = http.login("sue", TestCluster.PASSWORD);
    JsonObject body = http.get("/api/queues", sue).json();
    assertThat(body.getJsonArray("serviceLevelSeconds").getList()).containsExactly(10, 20, 30, 60);

    JsonObject support = queue(body, "support");
    JsonObject last15 = support.getJsonObject("last15");
    // offered: 4 answered + 2 abandoned + 1 timed out + the live answered one + the one waiting = 9
    assertThat(last15.getInteger("offered")).isEqualTo(9);
    assertThat(last15.getInteger("answered")).isEqualTo(5);          // waits 5, 15, 25, 70 and the live one's 12
    assertThat(last15.getInteger("abandoned")).isEqualTo(2);
    assertThat(last15.getInteger("timedOut")).isEqualTo(1);
    assertThat(last15.getJsonObject("answeredWithin").getInteger("20")).isEqualTo(3);
    assertThat(last15.getJsonObject("serviceLevel").getDouble("10")).isCloseTo(1 / 9.0, within(1e-9));
    assertThat(last15.getJsonObject("serviceLevel").getDouble("20")).isCloseTo(3 / 9.0, within(1e-9));
    assertThat(last15.getJsonObject("serviceLevel").getDouble("60")).isCloseTo(4 / 9.0, within(1e-9));
    assertThat(last15.getDouble("abandonment")).isCloseTo(2 / 9.0, within(1e-9));
    assertThat(last15.getDouble("averageSpeedOfAnswerSeconds")).isCloseTo((5 + 15 + 25 + 70 + 12) / 5.0, within(1e-9));

    JsonObject last60 = support.getJsonObject("last60"); // the call of 30 minutes ago counts here only
    assertThat(last60.getInteger("offered")).isEqualTo(10);
    assertThat(last60.getJsonObject("serviceLevel").getDouble("10")).isCloseTo(2 / 10.0, within(1e-9));

    JsonObject now = support.getJsonObject("now");
    assertThat(now.getInteger("waiting")).isEqualTo(1);
    assertThat(now.getLong("oldestWaitSeconds")).isGreaterThanOrEqualTo(12);
    assertThat(now.getInteger("talking")).isEqualTo(1);

    JsonObject sales = queue(body, "sales").getJsonObject("last15");
    assertThat(sales.getInteger("offered")).isEqualTo(1);
    assertThat(sales.getDouble("abandonment")).isEqualTo(1.0);
    assertThat(sales.getJsonObject("serviceLevel").getDouble("20")).isZero();
    assertThat(queue(body, "sales").getJsonObject("today")).isNotNull();
  }

  @Test
  void agentsMayNotReadTheQueues() {
    String ann = http.login("ann", TestCluster.PASSWORD);
    assertThat(http.get("/api/queues", ann).status()).isEqualTo(403);
  }

  @Test
  void aQueueBelowItsServiceLevelTargetIsRedAndSupervisorsAreAlerted() throws Exception {
    String sue = http.login("sue", TestCluster.PASSWORD);
    JsonObject body = http.get("/api/queues", sue).json();
    assertThat(body.getJsonObject("targets").getDouble("serviceLevel")).isEqualTo(0.8);
    JsonObject support = body.getJsonArray("queues").stream().map(JsonObject.class::cast)
        .filter(q -> "support".equals(q.getString("queue"))).findFirst().orElseThrow();
    assertThat(support.getJsonObject("status").getString("serviceLevel")).as("4 of 10 within 20 s").isEqualTo("red");
    assertThat(support.getJsonObject("status").getString("longestWait")).isEqualTo("ok");

    // 3 of the 9 offered in the last 15 minutes were answered within 20 s: one alert for the breach
    JsonObject alert = Eventually.await("the breach alert", java.time.Duration.ofSeconds(30),
        () -> http.get("/api/alerts", sue).array().stream().map(JsonObject.class::cast).map(a -> a.getJsonObject("alert"))
            .filter(a -> "queue-breach".equals(a.getString("kind"))).toList(), l -> !l.isEmpty()).get(0);
    assertThat(alert.getString("queue")).isEqualTo("support");
    assertThat(alert.getString("text")).isEqualTo("service-level");
    assertThat(alert.getDouble("value")).isCloseTo(3.0 / 9, within(1e-9));
    assertThat(alert.getDouble("target")).isEqualTo(0.8);
  }

  @Test
  void eachAgentsCallsTodayCountWithTheirAverageHandleAndHoldTime() {
    JsonObject body = http.get("/api/queues", http.login("sue", TestCluster.PASSWORD)).json();
    assertThat(Instant.parse(body.getString("today"))).as("the center's midnight").isBefore(NOW.minusSeconds(1800));
    JsonObject agent = body.getJsonArray("agents").stream().map(JsonObject.class::cast)
        .filter(a -> "PJSIP/agent101".equals(a.getString("agent"))).findFirst().orElseThrow().getJsonObject("today");
    assertThat(agent.getInteger("calls")).as("four answered minutes ago, one half an hour ago").isEqualTo(5);
    assertThat(agent.getDouble("averageHandleSeconds")).as("60 s of talk each, no hold").isEqualTo(60.0);
    assertThat(agent.getDouble("averageHoldSeconds")).isEqualTo(0.0);
    assertThat(agent.getInteger("transfers")).isZero();
  }

  @Test
  void eachQueueKeepsATrendOfItsLastHour() throws Exception {
    String sue = http.login("sue", TestCluster.PASSWORD);
    JsonObject support = Eventually.await("the first trend sample", java.time.Duration.ofSeconds(30),
        () -> http.get("/api/queues", sue).json().getJsonArray("queues").stream().map(JsonObject.class::cast)
            .filter(q -> "support".equals(q.getString("queue"))).findFirst().orElseThrow(),
        q -> !q.getJsonArray("trend").isEmpty());
    JsonObject sample = support.getJsonArray("trend").getJsonObject(0);
    assertThat(sample.getInteger("waiting")).as("the one queued call").isEqualTo(1);
    assertThat(sample.getDouble("serviceLevel")).isCloseTo(3.0 / 9, within(1e-9));
  }
}
