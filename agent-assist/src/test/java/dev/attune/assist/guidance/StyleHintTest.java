package dev.attune.assist.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.bus.TranscriptSegment;
import dev.attune.core.calls.CustomerProfile.SpeakingStyle;
import dev.attune.core.calls.Party;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The screen pop's style hint: the four kinds by talk and upset, with what they rest on, never from too little. */
class StyleHintTest {

  @Test
  void theFourKindsComeFromHowMuchTheyTalkedAndHowOftenTheyWereUpset() {
    assertThat(StyleHint.of(new SpeakingStyle(4, 4 * 0.7, 3)).kind()).isEqualTo("ventsFirst");
    assertThat(StyleHint.of(new SpeakingStyle(4, 4 * 0.7, 1)).kind()).isEqualTo("explainsAtLength");
    assertThat(StyleHint.of(new SpeakingStyle(4, 4 * 0.3, 2)).kind()).isEqualTo("upsetButQuiet");
    assertThat(StyleHint.of(new SpeakingStyle(4, 4 * 0.3, 0)).kind()).isEqualTo("briefAndFactual");
    StyleHint hint = StyleHint.of(new SpeakingStyle(5, 3.0, 2));
    assertThat(hint.calls()).isEqualTo(5);
    assertThat(hint.talkShare()).isEqualTo(0.6);
    assertThat(hint.upsetCalls()).isEqualTo(2);
  }

  @Test
  void twoCallsAreTooFewForAHint() {
    assertThat(StyleHint.of(new SpeakingStyle(2, 1.8, 2))).isNull();
    assertThat(StyleHint.of(SpeakingStyle.NONE)).isNull();
    assertThat(StyleHint.of(null)).isNull();
  }

  @Test
  void aCallMeasuresTheCustomersShareOfTheTalkAndWhetherTheyWereUpset() throws Exception {
    RulePacks packs = RulePacks.load(GuidanceFixtureScoreTest.PACKS);
    Clock clock = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
    CallCoach angry = new CallCoach("c1", packs, clock, Duration.ofSeconds(45));
    angry.onTranscript(new TranscriptSegment("c1", Party.CUSTOMER,
        "This is absolutely ridiculous, I am furious, the router has been down for a week", 0, 24_000, true, "en"));
    angry.onTranscript(new TranscriptSegment("c1", Party.AGENT, "I understand, let me check.", 24_000, 30_000, true,
        "en"));
    assertThat(angry.callStyle().customerTalkShare()).isEqualTo(0.8);
    assertThat(angry.callStyle().upset()).isTrue();

    CallCoach brief = new CallCoach("c2", packs, clock, Duration.ofSeconds(45));
    brief.onTranscript(new TranscriptSegment("c2", Party.CUSTOMER, "Hi, my address changed.", 0, 3_000, true, "en"));
    assertThat(brief.callStyle().customerTalkShare()).as("three seconds of talk measure nothing").isNaN();
    assertThat(brief.callStyle().upset()).isFalse();
  }
}
