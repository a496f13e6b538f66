package dev.attune.assist.guidance;

import dev.attune.core.bus.GuidanceItem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.bus.SpeechFeatures;
import dev.attune.core.bus.TranscriptSegment;
import dev.attune.core.calls.Party;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CallCoachTest {
  private static final Duration COOLDOWN = Duration.ofSeconds(45);
  private static RulePacks packs;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final CallCoach coach = new CallCoach("pbx:1700000000.1", packs, clock, COOLDOWN);
  private long callMs; // transcript timeline of the call

  @BeforeAll
  static void loadPacks() throws Exception {
    packs = RulePacks.load(GuidanceFixtureScoreTest.PACKS);
  }

  static final class ManualClock extends Clock {
    private Instant now;

    ManualClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  }

  @Test
  void aCategoryDoesNotFireAgainWithinItsCooldown() {
    List<GuidanceItem> first = say(Party.AGENT, "That's not my department.");
    assertThat(first).singleElement().satisfies(item -> {
      assertThat(item.category()).isEqualTo("blame");
      assertThat(item.kind()).isEqualTo(GuidanceItem.Kind.WORDING);
      assertThat(item.callId()).isEqualTo("pbx:1700000000.1");
      assertThat(item.agent()).isNull();
      assertThat(item.at()).isEqualTo(clock.instant());
      assertThat(item.evidence()).isEqualTo("not my department");
      assertThat(item.suggestion()).isNotBlank();
    });
    clock.advance(Duration.ofSeconds(20));
    assertThat(say(Party.AGENT, "Again, not my department.")).isEmpty();
    assertThat(categories(say(Party.AGENT, "I guarantee it will be fixed."))).containsExactly("overpromise");
    clock.advance(Duration.ofSeconds(26));
    assertThat(categories(say(Party.AGENT, "It's not my job."))).containsExactly("blame");
  }

  @Test
  void aPartialSegmentWarnsEarlyAndItsFinalDoesNotRepeatTheCard() {
    assertThat(categories(coach.onTranscript(segment(Party.AGENT, "calm down sir", false))))
        .containsExactly("calm_down");
    assertThat(coach.onTranscript(segment(Party.AGENT, "Calm down, sir.", true))).isEmpty();
  }

  @Test
  void partialSegmentsDoNotCountTowardsAccumulatingRules() {
    for (int i = 0; i < 4; i++) {
      coach.onTranscript(segment(Party.AGENT, "sorry", false));
      coach.onTranscript(segment(Party.CUSTOMER, "this is ridiculous, I want to complain", false));
    }
    assertThat(coach.checklist().complaint()).isFalse();
    assertThat(categories(say(Party.AGENT, "Sorry."))).isEmpty();
  }

  @Test
  void threeApologiesWithinTheWindowFireOnceSpreadOutTheyDoNot() {
    assertThat(say(Party.AGENT, "Sorry about that.", 0, 2_000)).isEmpty();
    assertThat(say(Party.AGENT, "Sorry, I'm checking.", 70_000, 72_000)).isEmpty();
    assertThat(say(Party.AGENT, "Sorry for this.", 140_000, 142_000)).isEmpty();
    assertThat(say(Party.AGENT, "Sorry again.", 150_000, 151_000)).isEmpty();
    List<GuidanceItem> third = say(Party.AGENT, "I apologise.", 170_000, 172_000);
    assertThat(third).singleElement().satisfies(item -> {
      assertThat(item.category()).isEqualTo("apology_repeat");
      assertThat(item.evidence()).startsWith("3 apologies in the last 60 s");
    });
  }

  @Test
  void aComplaintShowsTheChecklistAndEachStepTicksWithItsEvidence() {
    List<GuidanceItem> detected = say(Party.CUSTOMER, "My internet is not working again.");
    assertThat(detected).singleElement().satisfies(item -> {
      assertThat(item.kind()).isEqualTo(GuidanceItem.Kind.CHECKLIST);
      assertThat(item.category()).isEqualTo("checklist");
      assertThat(item.evidence()).isEqualTo("not working");
    });
    assertThat(coach.checklist().complaint()).isTrue();

    assertThat(categories(say(Party.AGENT, "Please go on, I'm listening."))).containsExactly("checklist.listened");
    assertThat(categories(say(Party.AGENT, "I'm sorry to hear that."))).containsExactly("checklist.empathized");
    assertThat(categories(say(Party.AGENT, "When did it stop working?"))).containsExactly("checklist.asked");
    assertThat(categories(say(Party.CUSTOMER, "Yes please, that works."))).isEmpty(); // nothing offered yet
    assertThat(categories(say(Party.AGENT, "What I can do is send an engineer tomorrow.")))
        .containsExactly("checklist.offered");
    assertThat(categories(say(Party.CUSTOMER, "Yes please, that works."))).containsExactly("checklist.confirmed");
    assertThat(categories(say(Party.AGENT, "I'll call you back tomorrow to check.")))
        .containsExactly("checklist.followup");
    assertThat(say(Party.AGENT, "I'm sorry to hear that.")).isEmpty(); // a step ticks once

    Checklist checklist = coach.checklist();
    assertThat(checklist.allTicked()).isTrue();
    assertThat(checklist.steps()).extracting(Checklist.Step::name).containsExactlyElementsOf(Checklist.STEPS);
    assertThat(checklist.steps().get(4).evidence()).isEqualTo("Yes please … that works");
    assertThat(checklist.steps()).allSatisfy(s -> assertThat(s.at()).isEqualTo(clock.instant()));
  }

  @Test
  void stepsHeardBeforeTheComplaintIsRecognisedTickWhenItIs() {
    assertThat(say(Party.AGENT, "I understand how annoying that is.")).isEmpty();
    assertThat(coach.checklist().steps().get(1).ticked()).isFalse();
    assertThat(categories(say(Party.CUSTOMER, "我要投诉，宽带又坏了。")))
        .containsExactly("escalation", "checklist", "checklist.empathized");
    assertThat(coach.checklist().steps().get(1).evidence()).isEqualTo("I understand how");
  }

  @Test
  void aChineseComplaintGetsTheChecklistInChinese() {
    List<GuidanceItem> items = coach.onTranscript(new TranscriptSegment("c", Party.CUSTOMER, "快递到现在还没收到",
        0, 2000, true, "zh"));
    assertThat(items).singleElement().satisfies(item -> {
      assertThat(item.category()).isEqualTo("checklist");
      assertThat(item.message()).contains("投诉");
    });
  }

  @Test
  void calmDownIsSevereWhileTheCustomerIsAngryAndAWarningOtherwise() {
    assertThat(say(Party.AGENT, "Calm down.")).singleElement()
        .satisfies(i -> assertThat(i.severity()).isEqualTo(GuidanceItem.Severity.WARNING));
    clock.advance(COOLDOWN);
    List<GuidanceItem> angry = say(Party.CUSTOMER, "This is ridiculous!");
    assertThat(categories(angry)).containsExactly("customer_anger", "checklist");
    assertThat(angry.get(0).kind()).isEqualTo(GuidanceItem.Kind.TONE);
    assertThat(say(Party.AGENT, "Calm down.")).singleElement()
        .satisfies(i -> assertThat(i.severity()).isEqualTo(GuidanceItem.Severity.SEVERE));
  }

  @Test
  void aThreatToGoPublicIsSevere() {
    List<GuidanceItem> items = say(Party.CUSTOMER, "我要打12315投诉你们！");
    assertThat(items).filteredOn(i -> i.category().equals("escalation_public")).singleElement()
        .satisfies(i -> assertThat(i.severity()).isEqualTo(GuidanceItem.Severity.SEVERE));
  }

  @Test
  void aCustomerLoudAgainstTheirOwnBaselineIsAngryAndAnAgentRisingWithThemIsWarned() {
    for (int i = 0; i < 5; i++) {
      assertThat(hear(Party.CUSTOMER, 0.8, 1.0, 180, 4.0, 0)).isEmpty();
      assertThat(hear(Party.AGENT, 0.6, 0.5, 120, 4.0, 0)).isEmpty();
    }
    assertThat(hear(Party.CUSTOMER, 0.9, 8.0, 230, 4.5, 0)).isEmpty(); // one loud window is not anger yet
    List<GuidanceItem> angry = hear(Party.CUSTOMER, 0.9, 8.5, 235, 4.5, 0);
    assertThat(categories(angry)).containsExactly("customer_anger", "checklist");
    assertThat(angry.get(0).evidence()).contains("+8.5 dB").contains("pitch +");
    assertThat(categories(hear(Party.AGENT, 0.7, 5.0, 125, 4.0, 0))).containsExactly("agent_escalating");
  }

  @Test
  void angryWordsAndAnAngryVoiceAreShownTogether() {
    for (int i = 0; i < 5; i++) {
      hear(Party.CUSTOMER, 0.8, 1.0, 180, 4.0, 0);
    }
    hear(Party.CUSTOMER, 0.9, 8.0, 230, 4.5, 0);
    hear(Party.CUSTOMER, 0.9, 8.0, 230, 4.5, 0);
    clock.advance(COOLDOWN);
    List<GuidanceItem> items = say(Party.CUSTOMER, "This is unacceptable!");
    assertThat(items).filteredOn(i -> i.category().equals("customer_anger")).singleElement()
        .satisfies(i -> assertThat(i.evidence()).startsWith("unacceptable; customer voice +8.0 dB"));
  }

  @Test
  void anAgentLouderThanUsualIsNotWarnedWhileTheCustomerIsCalm() {
    for (int i = 0; i < 5; i++) {
      hear(Party.CUSTOMER, 0.8, 0.5, 180, 4.0, 0);
    }
    assertThat(hear(Party.AGENT, 0.7, 7.0, 125, 4.0, 0)).isEmpty();
  }

  @Test
  void anAgentTwentyPercentFasterThanTheCustomerIsAskedToMatchTheirPace() {
    List<GuidanceItem> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.addAll(hear(Party.CUSTOMER, 0.8, 0, 180, 3.5, 0));
      all.addAll(hear(Party.AGENT, 0.8, 0, 120, 4.0, 0)); // +14%: below the JND-based bar
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(all).isEmpty();
    for (int i = 0; i < 30; i++) {
      all.addAll(hear(Party.CUSTOMER, 0.8, 0, 180, 3.5, 0));
      all.addAll(hear(Party.AGENT, 0.8, 0, 120, 5.0, 0));
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(all).singleElement().satisfies(i -> {
      assertThat(i.category()).isEqualTo("pace_mismatch");
      assertThat(i.kind()).isEqualTo(GuidanceItem.Kind.PACE);
    });
  }

  @Test
  void anAgentStartingOverTheCustomerIsToldToLetThemFinish() {
    assertThat(hear(Party.AGENT, 0.8, 0, 120, 4, 0)).isEmpty();
    assertThat(categories(hear(Party.AGENT, 0.8, 0, 120, 4, 1))).containsExactly("interruption");
    assertThat(hear(Party.AGENT, 0.8, 0, 120, 4, 1)).isEmpty();
  }

  @Test
  void interruptionsAreFoundFromTranscriptTimingWhenThereIsNoAudio() {
    say(Party.CUSTOMER, "The engineer was supposed to come on Monday and nobody turned up", 10_000, 16_000);
    assertThat(categories(say(Party.AGENT, "Okay let me check", 12_000, 14_000))).containsExactly("interruption");
  }

  @Test
  void deadAirIsAnnouncedOncePerSilence() {
    assertThat(coach.onSpeech(features(Party.AGENT, 0, 0, 120, Double.NaN, 0.5, 0, 4.0, false))).isEmpty();
    assertThat(categories(coach.onSpeech(features(Party.AGENT, 0, 0, 120, Double.NaN, 0.5, 0, 11.0, false))))
        .containsExactly("dead_air");
    clock.advance(Duration.ofMinutes(2));
    assertThat(coach.onSpeech(features(Party.AGENT, 0, 0, 120, Double.NaN, 0.5, 0, 131.0, false))).isEmpty();
    assertThat(coach.onSpeech(features(Party.AGENT, 0.8, 0, 120, 4, 0.5, 0, 0, false))).isEmpty();
    assertThat(categories(coach.onSpeech(features(Party.AGENT, 0, 0, 120, Double.NaN, 0.5, 0, 12.0, false))))
        .containsExactly("dead_air");
  }

  /** On a Chinese call the measured line under a card is Chinese too, like its title and advice. */
  @Test
  void onAChineseCallTheMeasuredEvidenceIsChinese() {
    coach.onTranscript(new TranscriptSegment("c", Party.AGENT, "您好，请问有什么可以帮您？", 0, 2_000, true, "zh"));
    coach.onHold(true);
    clock.advance(Duration.ofSeconds(75));
    assertThat(coach.tick()).singleElement().satisfies(i -> {
      assertThat(i.category()).isEqualTo("long_hold");
      assertThat(i.evidence()).isEqualTo("已保持 1 分 15 秒");
      assertThat(i.title()).matches(".*\\p{IsHan}.*");
    });
  }

  @Test
  void deadAirFromTranscriptTimingWhenThereIsNoAudio() {
    say(Party.AGENT, "Let me look at your account.");
    clock.advance(Duration.ofSeconds(9));
    assertThat(coach.tick()).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(categories(coach.tick())).containsExactly("dead_air");
    clock.advance(Duration.ofSeconds(60));
    assertThat(coach.tick()).isEmpty();
    say(Party.AGENT, "Thanks for waiting.");
    clock.advance(Duration.ofSeconds(11));
    assertThat(categories(coach.tick())).containsExactly("dead_air");
  }

  @Test
  void aLongHoldAsksForACheckBackAgainEachMinuteUntilTheHoldEnds() {
    coach.onHold(true);
    clock.advance(Duration.ofSeconds(59));
    assertThat(coach.tick()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(coach.tick()).singleElement().satisfies(i -> {
      assertThat(i.category()).isEqualTo("long_hold");
      assertThat(i.evidence()).isEqualTo("on hold 1 min 0 s");
    });
    clock.advance(Duration.ofSeconds(30));
    assertThat(coach.tick()).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    assertThat(categories(coach.tick())).containsExactly("long_hold");
    coach.onHold(false);
    clock.advance(Duration.ofSeconds(5));
    assertThat(coach.tick()).isEmpty();
  }

  @Test
  void beforeAnyWordsTheCardsAreInTheAssumedLanguageAndTheWordsHeardThenDecide() {
    CallCoach chinese = new CallCoach("pbx:1700000000.2", packs, clock, COOLDOWN, "zh");
    chinese.onHold(true);
    clock.advance(Duration.ofSeconds(60));
    assertThat(chinese.tick()).singleElement().satisfies(i -> {
      assertThat(i.title()).isEqualTo("等待过久");
      assertThat(i.evidence()).matches(".*\\p{IsHan}.*");
    });
    assertThat(chinese.language()).as("assumed, not heard: the profile learns nothing from it").isNull();
    chinese.onHold(false);
    chinese.onTranscript(segment(Party.AGENT, "Sorry, that's not my department.", true));
    assertThat(chinese.language()).isEqualTo("en");

    coach.onHold(true);
    clock.advance(Duration.ofSeconds(60));
    assertThat(coach.tick()).singleElement().satisfies(i -> assertThat(i.title()).doesNotContainPattern("\\p{IsHan}"));
  }

  @Test
  void nothingIsCoachedFromAudioWhileOnHold() {
    coach.onHold(true);
    assertThat(coach.onSpeech(features(Party.AGENT, 0, 0, 120, Double.NaN, 0.5, 0, 30, true))).isEmpty();
  }

  @Test
  void anAgentDoingMostOfTheTalkOnAComplaintCallIsToldToListen() {
    say(Party.CUSTOMER, "I was charged twice for the same order.");
    clock.advance(Duration.ofSeconds(30));
    assertThat(coach.onSpeech(features(Party.AGENT, 0.8, 0, 120, 4, 0.7, 0, 0, false))).isEmpty();
    clock.advance(Duration.ofSeconds(31));
    assertThat(categories(coach.onSpeech(features(Party.AGENT, 0.8, 0, 120, 4, 0.7, 0, 0, false))))
        .containsExactly("talk_share");
  }

  @Test
  void aCustomerWhoTalkedMostOfTheComplaintTicksListenedFromTranscriptTiming() {
    say(Party.CUSTOMER, "The parcel never arrived and I've been waiting for weeks", 0, 20_000);
    say(Party.AGENT, "Right.", 20_000, 21_000);
    List<GuidanceItem> items = say(Party.CUSTOMER, "and every time I call nobody knows anything", 21_000, 36_000);
    assertThat(items).filteredOn(i -> i.category().equals("checklist.listened")).singleElement()
        .satisfies(i -> assertThat(i.evidence()).startsWith("agent 3% of the talk"));
  }

  private List<GuidanceItem> say(Party party, String text) {
    long start = callMs;
    callMs += 3_000;
    return say(party, text, start, callMs);
  }

  private List<GuidanceItem> say(Party party, String text, long startMs, long endMs) {
    return coach.onTranscript(new TranscriptSegment("c", party, text, startMs, endMs, true, null));
  }

  private TranscriptSegment segment(Party party, String text, boolean isFinal) {
    return new TranscriptSegment("c", party, text, callMs, callMs + 2_000, isFinal, "en");
  }

  private List<GuidanceItem> hear(Party party, double activity, double db, double pitch, double rate,
                                  int interruptions) {
    return coach.onSpeech(features(party, activity, db, pitch, rate, 0.4, interruptions, 0, false));
  }

  private SpeechFeatures features(Party party, double activity, double db, double pitch, double rate, double share,
                                  int interruptions, double deadAir, boolean onHold) {
    return new SpeechFeatures("c", party, clock.instant(), activity, -20 + db, db, pitch, 2.0, rate, share,
        interruptions, deadAir, onHold);
  }

  private static List<String> categories(List<GuidanceItem> items) {
    return items.stream().map(GuidanceItem::category).toList();
  }
}
