package dev.attune.assist.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.assist.guidance.CallCoach;
import dev.attune.assist.guidance.RulePacks;
import dev.attune.core.bus.TranscriptSegment;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.calls.Party;
import dev.attune.core.complaints.Complaint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The draft a coached call leaves, from the shipped rule packs: the kind the cues point to (the agent's arguing counts
 * for a communication conflict), the severity a threat implies, the customer's own words as the summary, and the
 * reasons for each guess. Nothing is guessed where nothing pointed.
 */
class ComplaintDraftTest {
  private static final Path PACKS = Path.of(System.getProperty("attune.project.dir", "."), "config", "guidance");
  private static final Instant NOW = Instant.parse("2026-12-04T09:30:00Z");
  private static RulePacks packs;

  private final CallCoach coach = new CallCoach("pbx:900.1", packs, Clock.fixed(NOW, ZoneOffset.UTC),
      Duration.ofSeconds(45));
  private long callMs;

  @BeforeAll
  static void loadPacks() throws Exception {
    packs = RulePacks.load(PACKS);
  }

  @Test
  void aFaultyProductAndAThreatToGoPublicMakeAMajorProductComplaint() {
    say(Party.CUSTOMER, "en", "My new router is broken, it keeps dropping every evening and I want to complain.");
    say(Party.AGENT, "en", "I'm sorry to hear that, let me look at your line.");
    say(Party.CUSTOMER, "en", "If this isn't fixed today I'm going to the ombudsman.");

    Complaint draft = draft("en");

    assertThat(coach.heardAComplaint()).isTrue();
    assertThat(draft.category()).isEqualTo(Complaint.Category.PRODUCT_QUALITY);
    assertThat(draft.severity()).isEqualTo(Complaint.Severity.MAJOR);
    assertThat(draft.status()).isEqualTo(Complaint.Status.DRAFT);
    assertThat(draft.summary()).contains("router is broken").contains("ombudsman");
    assertThat(draft.reasons()).extracting(Complaint.Reason::said)
        .anySatisfy(said -> assertThat(said).contains("broken"))
        .anySatisfy(said -> assertThat(said).contains("ombudsman"));
    assertThat(draft.reasons()).allSatisfy(r -> assertThat(r.why()).isNotBlank());
    assertThat(draft.cards()).contains("Threat to go public");
    assertThat(draft.customerNumber()).isEqualTo("+86 138 0000 0042");
    assertThat(draft.agent()).isEqualTo("PJSIP/agent101");
    assertThat(draft.queue()).isEqualTo("support");
    assertThat(draft.lang()).isEqualTo("en");
  }

  @Test
  void theAgentArguingMakesItACommunicationConflictAndOnlyAPublicThreatSetsTheSeverity() {
    say(Party.CUSTOMER, "en", "I want to make a complaint, the last person I spoke to was rude.");
    say(Party.AGENT, "en", "You're wrong, that's not what happened on that call.");
    say(Party.AGENT, "en", "As I said, you need to understand how this works.");
    say(Party.CUSTOMER, "en", "Let me speak to your manager.");

    Complaint draft = draft("en");

    assertThat(draft.category()).isEqualTo(Complaint.Category.COMMUNICATION_CONFLICT);
    assertThat(draft.severity()).as("a manager demand: justified, unjustified or minor is the agent's call")
        .isNull();
    assertThat(draft.reasons()).extracting(Complaint.Reason::said)
        .anySatisfy(said -> assertThat(said).contains("rude"))
        .anySatisfy(said -> assertThat(said).contains("wrong"))
        .anySatisfy(said -> assertThat(said).contains("complaint"));
    assertThat(draft.summary()).as("the customer's words only, never the agent's")
        .contains("was rude").doesNotContain("You're wrong");
    assertThat(draft.cards()).contains("Arguing");
  }

  @Test
  void aLateDeliveryOnAChineseCallIsATransactionComplaintInChinese() {
    say(Party.CUSTOMER, "zh", "我上周买的东西快递到现在还没到，我要投诉！");
    say(Party.AGENT, "zh", "非常抱歉让您久等了，我马上帮您查一下物流。");

    Complaint draft = draft("zh");

    assertThat(draft.category()).isEqualTo(Complaint.Category.TRANSACTION_PROCESS);
    assertThat(draft.severity()).as("no public threat: left to the agent").isNull();
    assertThat(draft.reasons()).isNotEmpty().allSatisfy(r -> assertThat(r.why()).matches(".*\\p{IsHan}.*"));
    assertThat(draft.lang()).isEqualTo("zh");
  }

  @Test
  void aComplaintWithNothingPointingToAKindLeavesTheKindToTheAgent() {
    say(Party.CUSTOMER, "en", "I'm really disappointed and I want to complain.");

    Complaint draft = draft("en");

    assertThat(coach.heardAComplaint()).isTrue();
    assertThat(draft.category()).isNull();
    assertThat(draft.severity()).isNull();
    assertThat(draft.summary()).isEqualTo("I'm really disappointed and I want to complain.");
  }

  @Test
  void aCalmCallThatMentionsADeliveryIsNoComplaint() {
    say(Party.CUSTOMER, "en", "The delivery came this morning, thanks, I just want to change my address.");

    assertThat(coach.heardAComplaint()).isFalse();
  }

  private void say(Party party, String lang, String text) {
    coach.onTranscript(new TranscriptSegment("pbx:900.1", party, text, callMs, callMs + 3_000, true, lang));
    callMs += 4_000;
  }

  private Complaint draft(String lang) {
    LiveCall call = new LiveCall("pbx:900.1", "900.1", "+86 138 0000 0042", "Wang Fang", Direction.INBOUND,
        "support", "PJSIP/agent101", CallState.ANSWERED, NOW.minusSeconds(300), NOW.minusSeconds(290),
        NOW.minusSeconds(280), null, 0, 0, 0, NOW);
    return ComplaintDraft.of(call, coach.complaintNotes(), lang, NOW);
  }
}
