package dev.attune.assist.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.bus.GuidanceItem;
import dev.attune.core.bus.SpeechFeatures;
import dev.attune.core.bus.TranscriptSegment;
import dev.attune.core.calls.Party;
import dev.attune.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a call's coach tells supervisors besides its cards: a customer whose anger lasted (not one sharp word), and
 * the agent rising with them, each once per call. The shipped packs keep a customer angry 60 s after each cue.
 */
class CallCoachAlertsTest {
  private static final Duration AFTER = Duration.ofSeconds(30);
  private static RulePacks packs;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final CallCoach coach = new CallCoach("pbx:1700000000.7", packs, clock, Duration.ofSeconds(45));

  @BeforeAll
  static void loadPacks() throws Exception {
    packs = RulePacks.load(GuidanceFixtureScoreTest.PACKS);
  }

  @Test
  void oneSharpWordIsNotReported() {
    customerSays("This is ridiculous!");
    assertThat(coach.lastingAngerToReport(AFTER)).isNull();
    clock.advance(Duration.ofSeconds(40)); // time passing is not anger lasting: no cue came since
    customerSays("Okay, thank you.");
    assertThat(coach.lastingAngerToReport(AFTER)).isNull();
  }

  @Test
  void angerThatLastsIsReportedOnceWithTheCustomersOwnWords() {
    customerSays("This is ridiculous!");
    assertThat(coach.lastingAngerToReport(AFTER)).isNull();
    clock.advance(Duration.ofSeconds(35));
    customerSays("Honestly, this is UNACCEPTABLE.");
    assertThat(coach.lastingAngerToReport(AFTER)).isEqualTo(new CallCoach.LastingAnger("UNACCEPTABLE", false, 35));
    clock.advance(Duration.ofSeconds(10));
    customerSays("I'm fed up with you people.");
    assertThat(coach.lastingAngerToReport(AFTER)).as("once per call").isNull();
  }

  @Test
  void angerThatCalmedAndCameBackStartsANewStretch() {
    customerSays("This is ridiculous!");
    clock.advance(Duration.ofSeconds(61)); // no cue for the pack's 60 s: calm again
    customerSays("No, this is unacceptable.");
    assertThat(coach.lastingAngerToReport(AFTER)).as("61 s after the first cue, but a new stretch").isNull();
    clock.advance(Duration.ofSeconds(29));
    customerSays("I'm fed up.");
    assertThat(coach.lastingAngerToReport(AFTER)).isNull();
    clock.advance(Duration.ofSeconds(1));
    customerSays("Absolutely ridiculous.");
    assertThat(coach.lastingAngerToReport(AFTER)).isEqualTo(new CallCoach.LastingAnger("ridiculous", false, 30));
  }

  @Test
  void aRaisedVoiceAloneIsReportedWithoutWords() {
    for (int i = 0; i < 5; i++) {
      customerVoice(1.0, 180);
    }
    customerVoice(8.0, 230); // one loud window is no cue yet
    customerVoice(8.0, 230); // the second starts the stretch
    for (int s = 5; s < 30; s += 5) {
      clock.advance(Duration.ofSeconds(5));
      customerVoice(8.0, 230);
      assertThat(coach.lastingAngerToReport(AFTER)).as("%d s into the stretch", s).isNull();
    }
    clock.advance(Duration.ofSeconds(5));
    customerVoice(8.0, 230);
    assertThat(coach.lastingAngerToReport(AFTER)).isEqualTo(new CallCoach.LastingAnger(null, true, 30));
  }

  @Test
  void onlyTheCallsFirstEscalatingCardIsReported() {
    for (int i = 0; i < 5; i++) {
      customerVoice(1.0, 180);
      agentVoice(0.5);
    }
    customerVoice(8.0, 230);
    List<GuidanceItem> angry = customerVoice(8.5, 235);
    assertThat(angry).extracting(GuidanceItem::category).contains("customer_anger");
    assertThat(angry).noneMatch(coach::escalationToReport);
    GuidanceItem first = escalating(agentVoice(5.0));
    assertThat(coach.escalationToReport(first)).isTrue();
    clock.advance(Duration.ofSeconds(46)); // past the cool-down: the agent is warned again, supervisors are not
    customerVoice(8.5, 235);
    GuidanceItem again = escalating(agentVoice(5.0));
    assertThat(coach.escalationToReport(again)).isFalse();
  }

  private static GuidanceItem escalating(List<GuidanceItem> cards) {
    return cards.stream().filter(c -> c.category().equals("agent_escalating")).findFirst()
        .orElseThrow(() -> new AssertionError("no agent_escalating card in " + cards));
  }

  private void customerSays(String text) {
    coach.onTranscript(new TranscriptSegment("c", Party.CUSTOMER, text, 0, 2_000, true, "en"));
  }

  private List<GuidanceItem> customerVoice(double db, double pitch) {
    return coach.onSpeech(new SpeechFeatures("c", Party.CUSTOMER, clock.instant(), 0.9, -20 + db, db, pitch, 2.0, 4.5,
        0.4, 0, 0, false));
  }

  private List<GuidanceItem> agentVoice(double db) {
    return coach.onSpeech(new SpeechFeatures("c", Party.AGENT, clock.instant(), 0.7, -20 + db, db, 120, 2.0, 4.0, 0.4,
        0, 0, false));
  }
}
