package dev.attune.bridge.routing;

import dev.attune.core.commitments.CustomerKeys;
import static dev.attune.bridge.routing.AsteriskSurveyCaller.HANG_UP;
import static dev.attune.bridge.routing.AsteriskSurveyCaller.SILENCE;
import static dev.attune.bridge.routing.AsteriskSurveyCaller.digit;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.bridge.calls.CallStore;
import dev.attune.bridge.survey.SurveyCalls;
import dev.attune.bridge.survey.SurveyResults;
import dev.attune.bridge.survey.SurveyScript;
import dev.attune.core.bus.Alert;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.EndedBy;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.calls.SurveyResult;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.net.SourceGate;
import dev.attune.core.store.MapNames;
import dev.attune.sim.agi.AgiKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The post-call survey over FastAGI, driven the way Asterisk drives it (see {@link AsteriskSurveyCaller}): a digit,
 * silence and the one retry, a wrong key, a hang-up; and where each result lands.
 */
class SurveyOverFastAgiTest {
  private static final Path PROJECT = Path.of(System.getProperty("attune.project.dir", ".."));
  /** Alice (+15551230001), channel 1795407672.0: the environment Asterisk sent for her call. */
  private static final Path ALICE = PROJECT.resolve("testdata/ami-traces/fastagi/001-1795407672.0.in.bin");
  private static final String LINKEDID = "1795407672.0";
  private static final String CALL_ID = "pbx:" + LINKEDID;
  private static final String ALICE_KEY = "15551230001";
  private static final Instant NOW = Instant.parse("2026-12-03T10:15:00Z");
  private static final AttuneConfig.Survey SURVEY =
      new AttuneConfig.Survey("attune/survey-ask", "attune/survey-again", "attune/survey-thanks", 6, 2);

  private HazelcastInstance hazelcast;
  private FastAgiRouting server;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Alert> alerts = new CopyOnWriteArrayList<>();
  private IMap<String, CallRecord> history;
  private IMap<String, CustomerProfile> customers;

  @BeforeEach
  void aMemberAndTheServer() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    hazelcast = HazelcastNode.start(HazelcastNode.config(new AttuneConfig.Cluster("survey-" + UUID.randomUUID(),
        "127.0.0.1", port, List.of("127.0.0.1:" + port)), c -> {}));
    history = hazelcast.getMap(MapNames.CALL_HISTORY);
    customers = hazelcast.getMap(MapNames.CUSTOMERS);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    SurveyScript survey = new SurveyScript(SURVEY, new SurveyCalls(hazelcast, "", CustomerKeys.DIGITS_ONLY),
        new SurveyResults(hazelcast, registry, SURVEY.alertAtOrBelow(), alerts::add, CustomerKeys.DIGITS_ONLY), clock);
    server = new FastAgiRouting("127.0.0.1", 0, new SourceGate("fastagi.allowFrom", List.of("127.0.0.0/8"), registry),
        registry, PROJECT.resolve("config/routing.yaml"), hazelcast, number -> java.util.Optional.empty(), survey,
        CustomerKeys.DIGITS_ONLY, clock);
    server.start();
    hazelcast.<String, LiveCall>getMap(MapNames.LIVE_CALLS).set(CALL_ID, liveCall());
  }

  @AfterEach
  void stop() {
    server.stop();
    hazelcast.shutdown();
  }

  private AsteriskSurveyCaller call(AgiKey... keys) throws Exception {
    return AsteriskSurveyCaller.call(ALICE, server.port(), LINKEDID, List.of(keys));
  }

  @Test
  void aDigitOnTheFirstPromptIsTheScoreTheCallerIsThankedAndItLandsOnTheRecordWrittenAfterAndOnTheProfile()
      throws Exception {
    customers.set(ALICE_KEY, CustomerProfile.first(ALICE_KEY, "Alice Smith").managed(null, null, "zh-CN", null, null));

    AsteriskSurveyCaller alice = call(digit('4'));

    assertThat(alice.commands).as("asked in her profile's language: Asterisk plays sounds/zh/...")
        .contains("SET VARIABLE \"CHANNEL(language)\" \"zh\"");
    assertThat(alice.commands).anyMatch(c -> c.matches("GET DATA \"?attune/survey-ask\"? 6000 1"));
    assertThat(alice.played()).containsExactly("attune/survey-ask", "attune/survey-thanks");
    assertThat(customers.get(ALICE_KEY).surveys()).isEqualTo(1);
    assertThat(customers.get(ALICE_KEY).surveyAverage()).isEqualTo(4.0);
    assertThat(answers("support", "4")).isEqualTo(1);
    assertThat(alerts).as("4 is not low").isEmpty();

    // the caller hangs up after the thanks: only now does the bridge write the call's record
    CallStore store = new CallStore(hazelcast, CustomerKeys.DIGITS_ONLY);
    store.write(new CallEventMessage(new CallEnded(CALL_ID, NOW, record()), liveCall()));
    store.flush(Duration.ofSeconds(30)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

    SurveyResult onRecord = history.get(CALL_ID).survey();
    assertThat(onRecord).isNotNull();
    assertThat(onRecord.score()).isEqualTo(4);
    assertThat(onRecord.queue()).isEqualTo("support");
    assertThat(onRecord.agent()).isEqualTo("PJSIP/agent101");
  }

  @Test
  void silenceGetsTheRetryPromptOnceAndADigitThenCounts() throws Exception {
    AsteriskSurveyCaller alice = call(SILENCE, digit('5'));

    assertThat(alice.played()).containsExactly("attune/survey-ask", "attune/survey-again", "attune/survey-thanks");
    assertThat(alice.commands).as("no profile language: the channel's stays").noneMatch(c -> c.contains("language"));
    assertThat(answers("support", "5")).isEqualTo(1);
  }

  @Test
  void silenceTwiceIsNoAnswerNotAScore() throws Exception {
    history.set(CALL_ID, record()); // this time the record is there first

    AsteriskSurveyCaller alice = call(SILENCE, SILENCE);

    assertThat(alice.played()).containsExactly("attune/survey-ask", "attune/survey-again");
    SurveyResult onRecord = history.get(CALL_ID).survey();
    assertThat(onRecord).isNotNull();
    assertThat(onRecord.answered()).isFalse();
    assertThat(onRecord.score()).isNull();
    assertThat(answers("support", "none")).isEqualTo(1);
    assertThat(customers.get(ALICE_KEY)).as("no answer teaches the profile nothing").isNull();
  }

  @Test
  void aWrongKeyIsAskedAgainAndALowRatingAlertsSupervisorsWithTheCallAndTheAgent() throws Exception {
    AsteriskSurveyCaller alice = call(digit('9'), digit('2'));

    assertThat(alice.played()).containsExactly("attune/survey-ask", "attune/survey-again", "attune/survey-thanks");
    assertThat(alerts).hasSize(1);
    Alert alert = alerts.get(0);
    assertThat(alert.kind()).isEqualTo(Alert.SURVEY_LOW);
    assertThat(alert.score()).isEqualTo(2);
    assertThat(alert.callId()).isEqualTo(CALL_ID);
    assertThat(alert.agent()).isEqualTo("PJSIP/agent101");
    assertThat(alert.customer()).isEqualTo("+15551230001");
  }

  @Test
  void aHangUpDuringThePromptEndsTheSessionAsNoAnswerWithNothingMoreAskedOfTheDeadChannel() throws Exception {
    history.set(CALL_ID, record());

    AsteriskSurveyCaller alice = call(HANG_UP);

    assertThat(alice.played()).containsExactly("attune/survey-ask");
    List<String> afterThePrompt = alice.commands.subList(alice.commands.indexOf(alice.commands.stream()
        .filter(c -> c.startsWith("GET DATA ")).findFirst().orElseThrow()) + 1, alice.commands.size());
    assertThat(afterThePrompt).as("only Asterisk-Java's own status variable (dead-safe in res_agi) follows the prompt")
        .allMatch(c -> c.contains("AJ_AGISTATUS"));
    assertThat(history.get(CALL_ID).survey().answered()).isFalse();
    assertThat(answers("support", "none")).isEqualTo(1);
    assertThat(alerts).isEmpty();
  }

  private double answers(String queue, String score) {
    var counter = registry.find(MetricNames.SURVEY_ANSWERS).tag("queue", queue).tag("score", score).counter();
    return counter == null ? 0 : counter.count();
  }

  private static LiveCall liveCall() {
    return new LiveCall(CALL_ID, LINKEDID, "+15551230001", "Alice Smith", Direction.INBOUND, "support",
        "PJSIP/agent101", CallState.ANSWERED, NOW.minusSeconds(300), NOW.minusSeconds(295), NOW.minusSeconds(280),
        null, 0, 0, 0, NOW.minusSeconds(5));
  }

  private static CallRecord record() {
    return new CallRecord(CALL_ID, "+15551230001", "support", "PJSIP/agent101", CallOutcome.ANSWERED, EndedBy.AGENT,
        NOW.minusSeconds(300), NOW.minusSeconds(295), NOW.minusSeconds(280), NOW, 15, 270, 0, 0, 0, "16", false,
        List.of());
  }
}
