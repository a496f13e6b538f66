package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.bus.GuidanceItem;
import dev.attune.core.commitments.Commitment;
import dev.attune.core.commitments.CommitmentStatus;
import dev.attune.core.guidance.ShownCard;
import dev.attune.core.store.MapNames;
import dev.attune.sim.traffic.ScriptedCall;
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
 * An agent's day as the wallboard reads it, on a node with the built-in PBX whose agents have a wrap-up time of their
 * own: a queue call's end puts its agent in wrap-up ({@code GET /api/agents/status}, from the PBX's AgentComplete and
 * the member's Wrapuptime), and {@code GET /api/queues} counts for the agent today their calls, the coaching cards they
 * were shown and the promises of theirs kept, and nothing else (a checklist tick, a promise resolved by hand, one kept
 * days ago, another agent's).
 */
class AgentDayEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Long enough that the wrap-up cannot run out while the test looks. */
  private static final int WRAP_UP = 600;

  private static TestCluster cluster;
  private static AttuneNode node;
  private static Http http;

  @BeforeAll
  static void startNode() throws Exception {
    cluster = new TestCluster();
    Map<String, String> env = TestCluster.atMidday(cluster.withBuiltInPbx()); // its calls are all today's
    env.put("ATTUNE_SIMULATOR_WRAP_UP_SECONDS", String.valueOf(WRAP_UP));
    node = cluster.startNode(env);
    http = new Http(node.httpPort());
  }

  @AfterAll
  static void stopNode() throws Exception {
    cluster.close();
  }

  @Test
  void aQueueCallEndsInWrapUpAndTheAgentsDayCountsCallsCardsAndPromisesKept() throws Exception {
    String sue = http.login("sue", TestCluster.PASSWORD);
    String callId = node.simulator().offer(new ScriptedCall("+15557770001", "Walt Wrap", "support", 1, List.of()))
        .await(10, TimeUnit.SECONDS);
    JsonObject record = Eventually.await("the call's record", WAIT, () -> http.get("/api/history?limit=1000", sue)
        .array().stream().map(JsonObject.class::cast).filter(r -> callId.equals(r.getString("id"))).findFirst()
        .orElse(null), r -> r != null);
    String agent = record.getString("agent");
    Instant ended = Instant.parse(record.getString("endedAt"));

    JsonObject standing = Eventually.await(agent + " in wrap-up", WAIT, () -> status(sue, agent),
        s -> s != null && s.getString("wrapUpUntil") != null);
    assertThat(standing.getBoolean("loggedIn")).isTrue();
    assertThat(standing.getBoolean("paused")).isFalse();
    assertThat(Instant.parse(standing.getString("wrapUpUntil")))
        .as("the member's wrapuptime from the call's end").isBetween(ended.plusSeconds(WRAP_UP - 2),
            ended.plusSeconds(WRAP_UP + 2));

    assertThat(day(sue, agent).getInteger("calls")).isEqualTo(1);

    // cards and promises of an agent no live call coaches (the call above may well have raised cards of its own)
    String coached = "PJSIP/agent-coached";
    Instant now = Instant.now();
    Map<String, ShownCard> cards = node.hazelcast().getMap(MapNames.GUIDANCE_CARDS);
    cards.put("card-1", card("card-1", GuidanceItem.Kind.WORDING, coached, now));
    cards.put("card-2", card("card-2", GuidanceItem.Kind.TONE, coached, now));
    cards.put("card-3", card("card-3", GuidanceItem.Kind.CHECKLIST, coached, now)); // a tick, not coaching
    cards.put("card-5", card("card-5", GuidanceItem.Kind.PACE, coached, now.minus(Duration.ofDays(2))));
    cards.put("card-4", card("card-4", GuidanceItem.Kind.WORDING, "PJSIP/someone-else", now));
    Map<String, Commitment> promises = node.hazelcast().getMap(MapNames.COMMITMENTS);
    promises.put("p-1", promise("p-1", coached, CommitmentStatus.KEPT, now));
    promises.put("p-2", promise("p-2", coached, CommitmentStatus.KEPT, now.minus(Duration.ofDays(3))));
    promises.put("p-3", promise("p-3", coached, CommitmentStatus.RESOLVED, null));

    JsonObject day = Eventually.await(coached + "'s day with its cards and promises", WAIT, () -> day(sue, coached),
        d -> d != null && d.getInteger("promisesKept") == 1);
    assertThat(day.getInteger("cardsShown")).as("today's tone and wording cards").isEqualTo(2);
    assertThat(day.getInteger("calls")).isZero();
    assertThat(day(sue, "PJSIP/someone-else").getInteger("cardsShown")).isEqualTo(1);
  }

  private static JsonObject status(String token, String agent) {
    return http.get("/api/agents/status", token).json().getJsonArray("agents").stream().map(JsonObject.class::cast)
        .filter(a -> agent.equals(a.getString("agent"))).findFirst().orElse(null);
  }

  private static JsonObject day(String token, String agent) {
    return http.get("/api/queues", token).json().getJsonArray("agents").stream().map(JsonObject.class::cast)
        .filter(a -> agent.equals(a.getString("agent"))).findFirst().map(a -> a.getJsonObject("today")).orElse(null);
  }

  private static ShownCard card(String id, GuidanceItem.Kind kind, String agent, Instant at) {
    return ShownCard.of(new GuidanceItem(kind, "blame", "A title", GuidanceItem.Severity.WARNING, "message", null,
        null, at, "pbx:elsewhere.1", agent, id), null, "en");
  }

  private static Commitment promise(String id, String agent, CommitmentStatus status, Instant keptAt) {
    Instant made = keptAt == null ? Instant.now() : keptAt.minus(Duration.ofHours(2));
    return new Commitment(id, "pbx:promised.1", "+15557770009", "Kay Kept", agent, "I'll call you back", "en", made,
        made.plus(Duration.ofHours(1)), true, status, null, null, keptAt, keptAt == null ? null : "pbx:kept.1", 0,
        status == CommitmentStatus.KEPT ? "kept" : "resolved", null, made);
  }
}
