package dev.attune.assist.guidance;

import dev.attune.assist.language.LanguageGuess;
import dev.attune.core.bus.GuidanceItem;

import dev.attune.core.bus.SpeechFeatures;
import dev.attune.core.bus.TranscriptSegment;
import dev.attune.core.calls.Party;
import dev.attune.core.complaints.Complaint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The coach of one live call: turns transcript segments, speech features and hold changes into guidance cards,
 * keeping what the rules accumulate (apologies in a window, the complaint checklist, voice baselines, whether the
 * customer is angry) and a cool-down per category so the agent is coached, not spammed. Used from one thread;
 * not thread-safe. Cards carry the call id and the clock's time; {@code agent} is left null for the caller to fill.
 */
public final class CallCoach {
  private static final String ANGER = "customer_anger";
  /** Less talk than this on a call says nothing about how a customer speaks. */
  static final long MEASURED_TALK_MS = 20_000;
  /** The packs' cues of a complaint's kind (seed 000): they only inform its record, they raise no card. */
  private static final Map<String, Complaint.Category> COMPLAINT_KINDS = Map.of(
      "complaint.product_quality", Complaint.Category.PRODUCT_QUALITY,
      "complaint.transaction_process", Complaint.Category.TRANSACTION_PROCESS,
      "complaint.communication_conflict", Complaint.Category.COMMUNICATION_CONFLICT,
      "complaint.service_standard", Complaint.Category.SERVICE_STANDARD);
  /** The agent's wording that makes a complaint a communication conflict (seed 000: attitude towards the customer). */
  private static final java.util.Set<String> CONFLICT_WORDING = java.util.Set.of("arguing", "blame", "calm_down",
      "blunt_no", "assumption");

  private final String callId;
  private final RulePacks packs;
  private final UtteranceRules utterances;
  private final Clock clock;
  private final Duration cooldown;

  private final Map<String, Instant> lastFired = new HashMap<>();
  private final ComplaintChecklist checklist = new ComplaintChecklist();
  private final ComplaintNotes complaintNotes = new ComplaintNotes();
  private final Deque<long[]> apologies = new ArrayDeque<>(); // {endMs, count} of agent final segments
  private final VoiceTrend agentVoice = new VoiceTrend();
  private final VoiceTrend customerVoice = new VoiceTrend();
  private String language;
  private final String assumedLanguage;
  private Instant customerAngryUntil = Instant.MIN;
  private Cue heardAnger;  // the customer's last angry words
  private Cue voicedAnger; // the customer's voice the last time it sounded angry
  private Instant angerSince;      // when the customer's current stretch of anger began (the first cue after calm)
  private boolean angerReported;   // supervisors hear of anger that lasted once per call
  private boolean escalationReported;
  private int loudCustomerWindows;
  private int agentInterruptions;
  private boolean sawAudio;
  private boolean deadAirAnnounced;
  private boolean held;
  private Instant holdStart;
  private Instant lastSpeech;
  private final long[] talkMs = new long[2];          // final-segment talk time since the complaint, per party
  private final long[][] lastSegment = new long[2][]; // {startMs, endMs} of each party's last final segment
  private final long[] callTalkMs = new long[2];      // final-segment talk time over the whole call, per party
  private double customerShareHeard = Double.NaN;     // the customer's talk share as the audio last measured it

  /** A sign of anger and when it was seen; text and voice combine while both are recent. */
  private record Cue(String evidence, Instant at) {}

  /**
   * Anger that lasted, for supervisors: the customer's angry words as they said them (null when only their voice
   * showed it), whether their voice was raised, and how long the stretch of anger has lasted so far.
   */
  public record LastingAnger(String words, boolean voiceRaised, double seconds) {}

  public CallCoach(String callId, RulePacks packs, Clock clock, Duration cooldown) {
    this(callId, packs, clock, cooldown, null);
  }

  /**
   * {@code assumedLanguage}: the language cards are in until words are heard (the customer's known language, else the
   * center's default), so a call coached from its audio alone is not coached in English by default; null: English.
   */
  public CallCoach(String callId, RulePacks packs, Clock clock, Duration cooldown, String assumedLanguage) {
    this.assumedLanguage = assumedLanguage;
    this.callId = callId;
    this.packs = packs;
    this.utterances = new UtteranceRules(packs);
    this.clock = clock;
    this.cooldown = cooldown;
  }

  /** The call's language as heard (declared on a segment, else guessed from its text); null before any words. */
  public String language() {
    return language;
  }

  /** Whether the customer complained or threatened to escalate on this call. */
  public boolean heardAComplaint() {
    return checklist.isComplaint();
  }

  /**
   * Once per call, the customer's anger when it has lasted: the latest cue (angry words or voice) came at least
   * {@code after} after the stretch began, and the stretch goes on (a stretch ends when no cue came for the anger
   * rule's {@code memorySeconds}; the next cue starts a new one). One sharp word is not worth a supervisor's time;
   * the same anger reported again would be noise. Null otherwise.
   */
  public LastingAnger lastingAngerToReport(Duration after) {
    Instant now = clock.instant();
    CategoryRule anger = rule(ANGER);
    if (angerReported || angerSince == null || anger == null || !customerAngry(now)) {
      return null;
    }
    Instant latest = latest(heardAnger, voicedAnger);
    if (latest == null || latest.isBefore(angerSince.plus(after))) {
      return null;
    }
    angerReported = true;
    Instant since = now.minusSeconds((long) anger.figure("memorySeconds"));
    return new LastingAnger(recent(heardAnger, since) ? heardAnger.evidence() : null, recent(voicedAnger, since),
        Duration.between(angerSince, now).toMillis() / 1000.0);
  }

  /**
   * Whether {@code card} should also tell supervisors that the agent is escalating with an angry customer: true for
   * the first {@code agent_escalating} card of the call only.
   */
  public boolean escalationToReport(GuidanceItem card) {
    if (escalationReported || !"agent_escalating".equals(card.category())) {
      return false;
    }
    escalationReported = true;
    return true;
  }

  /** How the customer spoke on this call, for their profile's style; {@code customerTalkShare} NaN: not measured. */
  public record CallStyle(double customerTalkShare, boolean upset) {}

  /**
   * The customer's share of the talk (the audio's measure, else the transcript's timing once there are
   * {@link #MEASURED_TALK_MS} of it) and whether they were upset (angry words or voice) at any point.
   */
  public CallStyle callStyle() {
    long total = callTalkMs[0] + callTalkMs[1];
    double share = !Double.isNaN(customerShareHeard) ? customerShareHeard
        : total >= MEASURED_TALK_MS ? (double) callTalkMs[1] / total : Double.NaN;
    return new CallStyle(share, heardAnger != null || voicedAnger != null);
  }

  /** What the call showed about the complaint, for the record drafted at wrap-up. */
  public ComplaintNotes complaintNotes() {
    return complaintNotes;
  }

  /**
   * Wording cards from any segment (a partial one may warn early; the cool-down keeps its final from repeating it).
   * Only final segments count for what accumulates: the apology window, customer state, the checklist.
   */
  public List<GuidanceItem> onTranscript(TranscriptSegment segment) {
    List<GuidanceItem> out = new ArrayList<>();
    if (segment.text() == null || segment.text().isBlank() || segment.party() == null) {
      return out; // without a party no rule knows whose words these are
    }
    Instant now = clock.instant();
    lastSpeech = now;
    deadAirAnnounced = false;
    if (segment.lang() != null && packs.pack(segment.lang()) != null) {
      language = segment.lang();
    } else if (language == null) {
      language = LanguageGuess.of(null, segment.text());
    }
    List<UtteranceRules.Hit> hits = utterances.hits(segment.text(), segment.party(), segment.lang());
    if (!segment.isFinal()) {
      for (UtteranceRules.Hit hit : hits) {
        if (hit.rule().kind() == GuidanceItem.Kind.WORDING && !hit.rule().name().equals("apology_repeat")) {
          fire(out, hit.rule(), wordingSeverity(hit.rule(), now), hit.evidenceText(), now);
        }
      }
      return out;
    }
    applyFinal(out, hits, segment, now);
    timing(out, segment, now);
    return out;
  }

  /**
   * Cards from what the sentence model recalled in a final segment the rules already saw ({@link LiveRecall}):
   * the same rules apply to them, cool-downs included, so a card the rules raised is not raised twice.
   */
  public List<GuidanceItem> onRecalled(TranscriptSegment segment, LiveRecall.Recalled recalled) {
    List<GuidanceItem> out = new ArrayList<>();
    if (!recalled.isEmpty() && segment.party() != null) {
      applyFinal(out, recalled.hits, segment, clock.instant());
    }
    return out;
  }

  /** A final segment's hits: cards, the apology window, customer state, the checklist, the complaint notes. */
  private void applyFinal(List<GuidanceItem> out, List<UtteranceRules.Hit> hits, TranscriptSegment segment,
                          Instant now) {
    boolean complaintSignal = false;
    String complaintEvidence = null;
    for (UtteranceRules.Hit hit : hits) {
      CategoryRule rule = hit.rule();
      switch (rule.name()) {
        case "apology_repeat" -> countApology(out, rule, hit, segment, now);
        case ANGER -> {
          angerCue(rule, now);
          heardAnger = new Cue(hit.evidenceText(), now);
          fire(out, rule, rule.severity(), angerEvidence(rule, now), now);
          complaintSignal = true;
          complaintEvidence = complaintEvidence == null ? hit.evidenceText() : complaintEvidence;
        }
        case "escalation", "escalation_public", "complaint" -> {
          if (rule.kind() != GuidanceItem.Kind.CHECKLIST) {
            fire(out, rule, rule.severity(), hit.evidenceText(), now);
          }
          if (!rule.name().equals("complaint")) {
            complaintNotes.threatened(rule.name().equals("escalation") ? ComplaintNotes.Threat.ESCALATION
                : ComplaintNotes.Threat.PUBLIC, rule.why(), hit.evidenceText());
          }
          complaintSignal = true;
          complaintEvidence = complaintEvidence == null ? hit.evidenceText() : complaintEvidence;
        }
        default -> {
          Complaint.Category kind = COMPLAINT_KINDS.get(rule.name());
          if (kind != null) {
            complaintNotes.kind(kind, rule.why(), hit.evidenceText()); // for the record only: no card
          } else if (rule.kind() == GuidanceItem.Kind.CHECKLIST) {
            tick(out, checklist.cue(rule, hit.evidenceText(), now), rule);
          } else {
            fire(out, rule, wordingSeverity(rule, now), hit.evidenceText(), now);
            if (CONFLICT_WORDING.contains(rule.name())) {
              complaintNotes.agentConduct(rule.why(), hit.evidenceText());
            }
          }
        }
      }
    }
    if (complaintSignal) {
      if (segment.party() == Party.CUSTOMER) {
        complaintNotes.customerComplained(segment.text());
      }
      detectComplaint(out, complaintEvidence, now);
    }
  }

  /** Tone and pace rules over one party's latest speech features (about one per second per party). */
  public List<GuidanceItem> onSpeech(SpeechFeatures f) {
    List<GuidanceItem> out = new ArrayList<>();
    Instant now = clock.instant();
    sawAudio = true;
    if (f.onHold() || held || f.party() == null) {
      return out;
    }
    deadAir(out, f.deadAirSeconds(), now);
    if (VoiceTrend.voiced(f)) {
      lastSpeech = now;
    }
    if (f.party() == Party.CUSTOMER) {
      customerVoice(out, f, now);
    } else {
      agentVoice(out, f, now);
    }
    return out;
  }

  /** Hold starts ({@code true}) or ends; the long-hold check-back is timed by {@link #tick()}. */
  public List<GuidanceItem> onHold(boolean held) {
    Instant now = clock.instant();
    if (held && !this.held) {
      holdStart = now;
    } else if (!held) {
      holdStart = null;
      lastSpeech = now; // silence after a hold is counted afresh
      deadAirAnnounced = false;
    }
    this.held = held;
    return List.of();
  }

  /** Time-based rules: the long-hold check-back, and dead air from transcript timing when there is no audio. */
  public List<GuidanceItem> tick() {
    List<GuidanceItem> out = new ArrayList<>();
    Instant now = clock.instant();
    CategoryRule hold = rule("long_hold");
    if (held && hold != null && holdStart != null) {
      long seconds = Duration.between(holdStart, now).toSeconds();
      if (seconds >= hold.figure("seconds")) {
        fire(out, hold, hold.severity(), measured().onHold(seconds), now);
      }
    }
    if (!held && !sawAudio && lastSpeech != null) {
      deadAir(out, Duration.between(lastSpeech, now).toMillis() / 1000.0, now);
    }
    return out;
  }

  public Checklist checklist() {
    return checklist.snapshot();
  }

  private void countApology(List<GuidanceItem> out, CategoryRule rule, UtteranceRules.Hit hit,
                            TranscriptSegment segment, Instant now) {
    long windowMs = (long) (rule.figure("windowSeconds") * 1000);
    apologies.addLast(new long[] {segment.endMs(), hit.count()});
    while (!apologies.isEmpty() && apologies.peekFirst()[0] < segment.endMs() - windowMs) {
      apologies.removeFirst();
    }
    long total = apologies.stream().mapToLong(a -> a[1]).sum();
    if (total >= rule.figure("count")) {
      fire(out, rule, rule.severity(), measured().apologies(total, windowMs / 1000, hit.evidenceText()), now);
    }
  }

  private void detectComplaint(List<GuidanceItem> out, String evidence, Instant now) {
    if (checklist.isComplaint()) {
      return;
    }
    List<Checklist.Step> waiting = checklist.detect(evidence, now);
    talkMs[0] = 0;
    talkMs[1] = 0;
    CategoryRule complaint = rule("complaint");
    if (complaint != null) {
      out.add(item(GuidanceItem.Kind.CHECKLIST, "checklist", complaint.title(), complaint.severity(), complaint.why(),
          complaint.better(), evidence, now));
    }
    for (Checklist.Step step : waiting) {
      tick(out, step, rule(step.category()));
    }
  }

  private void tick(List<GuidanceItem> out, Checklist.Step step, CategoryRule rule) {
    if (step != null && rule != null) {
      out.add(item(GuidanceItem.Kind.CHECKLIST, rule.name(), rule.title(), rule.severity(), rule.why(), rule.better(),
          step.evidence(), step.at()));
    }
  }

  /** Talk share, listening and interruptions from transcript timing, for calls without audio features. */
  private void timing(List<GuidanceItem> out, TranscriptSegment s, Instant now) {
    int me = s.party() == Party.AGENT ? 0 : 1;
    callTalkMs[me] += Math.max(0, s.endMs() - s.startMs());
    long[] other = lastSegment[1 - me];
    lastSegment[me] = new long[] {s.startMs(), s.endMs()};
    if (sawAudio) {
      return;
    }
    CategoryRule interruption = rule("interruption");
    if (interruption != null && s.party() == Party.AGENT && other != null
        && s.startMs() > other[0] && s.startMs() <= other[1] - interruption.figure("overlapMs")) {
      fire(out, interruption, interruption.severity(), measured().startedEarly(other[1] - s.startMs()), now);
    }
    if (checklist.isComplaint()) {
      talkMs[me] += Math.max(0, s.endMs() - s.startMs());
      double total = talkMs[0] + talkMs[1];
      shareRules(out, talkMs[0] / Math.max(1.0, total), total / 1000.0, now);
    }
  }

  /** The 80/20 rule both ways: too much agent talk warns; little agent talk for long enough ticks "listened". */
  private void shareRules(List<GuidanceItem> out, double agentShare, double seconds, Instant now) {
    CategoryRule talk = rule("talk_share");
    String evidence = measured().talkShare(agentShare, seconds);
    if (talk != null && seconds >= talk.figure("minSeconds") && agentShare > talk.figure("maxShare")) {
      fire(out, talk, talk.severity(), evidence, now);
    }
    CategoryRule listened = rule("checklist.listened");
    if (listened != null && seconds >= listened.figure("minSeconds")
        && agentShare <= listened.figure("maxAgentShare")) {
      tick(out, checklist.cue(listened, evidence, now), listened);
    }
  }

  private void customerVoice(List<GuidanceItem> out, SpeechFeatures f, Instant now) {
    if (!Double.isNaN(f.talkShare())) {
      customerShareHeard = f.talkShare();
    }
    CategoryRule anger = rule(ANGER);
    boolean loud = false;
    String evidence = null;
    if (anger != null && VoiceTrend.voiced(f)) {
      double base = customerVoice.pitchBaseline();
      double pitchUp = Double.isNaN(base) || Double.isNaN(f.pitchMedianHz()) ? 0 : f.pitchMedianHz() / base - 1;
      double db = f.loudnessVsBaselineDb();
      double step = anger.figure("loudnessDb");
      loud = db >= step || db >= step - 2 && pitchUp >= anger.figure("pitchRise");
      evidence = measured().customerVoice(db, pitchUp);
    }
    loudCustomerWindows = loud ? loudCustomerWindows + 1 : 0;
    customerVoice.add(f, now, !loud && !customerAngry(now));
    if (anger != null && loudCustomerWindows >= anger.figure("windows")) {
      angerCue(anger, now);
      voicedAnger = new Cue(evidence, now);
      fire(out, anger, anger.severity(), angerEvidence(anger, now), now);
      detectComplaint(out, evidence, now);
    }
  }

  private void agentVoice(List<GuidanceItem> out, SpeechFeatures f, Instant now) {
    boolean angry = customerAngry(now);
    CategoryRule escalating = rule("agent_escalating");
    if (escalating != null && angry && VoiceTrend.voiced(f)) {
      double rateBase = agentVoice.rateBaseline();
      double faster = Double.isNaN(rateBase) || Double.isNaN(f.syllablesPerSecond()) ? 0
          : f.syllablesPerSecond() / rateBase - 1;
      if (f.loudnessVsBaselineDb() >= escalating.figure("loudnessDb") || faster >= escalating.figure("rateRise")) {
        fire(out, escalating, escalating.severity(), measured().agentEscalating(f.loudnessVsBaselineDb(), faster), now);
      }
    }
    agentVoice.add(f, now, !angry);
    paceMismatch(out, now);
    CategoryRule interruption = rule("interruption");
    if (f.interruptionsStarted() > agentInterruptions && interruption != null) {
      fire(out, interruption, interruption.severity(), measured().talkedOver(f.interruptionsStarted()), now);
    }
    agentInterruptions = Math.max(agentInterruptions, f.interruptionsStarted());
    if (checklist.isComplaint() && !Double.isNaN(f.talkShare())) {
      shareRules(out, f.talkShare(), Duration.between(checklist.detectedAt(), now).toSeconds(), now);
    }
  }

  private void paceMismatch(List<GuidanceItem> out, Instant now) {
    CategoryRule pace = rule("pace_mismatch");
    if (pace == null) {
      return;
    }
    Duration span = Duration.ofSeconds((long) pace.figure("windowSeconds"));
    int need = (int) pace.figure("minVoicedWindows");
    if (agentVoice.keep(now, span) < need || customerVoice.keep(now, span) < need) {
      return;
    }
    double agent = agentVoice.averageRate();
    double customer = customerVoice.averageRate();
    if (customer > 0 && agent >= customer * pace.figure("ratio")) {
      fire(out, pace, pace.severity(), measured().pace(agent, customer), now);
    }
  }

  /** Once per silent stretch: the card says what to do, repeating it every few seconds would not help. */
  private void deadAir(List<GuidanceItem> out, double seconds, Instant now) {
    CategoryRule dead = rule("dead_air");
    if (dead == null) {
      return;
    }
    if (seconds < dead.figure("seconds")) {
      deadAirAnnounced = false;
      return;
    }
    if (!deadAirAnnounced) {
      deadAirAnnounced = true;
      fire(out, dead, dead.severity(), measured().silence(seconds), now);
    }
  }

  /** The customer's angry words and angry voice, whichever were seen within the rule's memory. */
  private String angerEvidence(CategoryRule anger, Instant now) {
    Instant since = now.minusSeconds((long) anger.figure("memorySeconds"));
    List<String> parts = new ArrayList<>();
    for (Cue cue : new Cue[] {heardAnger, voicedAnger}) {
      if (recent(cue, since)) {
        parts.add(cue.evidence());
      }
    }
    return String.join("; ", parts);
  }

  private boolean customerAngry(Instant now) {
    return now.isBefore(customerAngryUntil);
  }

  /** A cue of anger: after a calm one it starts a new stretch; each keeps the customer angry for the rule's memory. */
  private void angerCue(CategoryRule anger, Instant now) {
    if (!customerAngry(now)) {
      angerSince = now;
    }
    customerAngryUntil = now.plusSeconds((long) anger.figure("memorySeconds"));
  }

  private static boolean recent(Cue cue, Instant since) {
    return cue != null && !cue.at().isBefore(since);
  }

  private static Instant latest(Cue a, Cue b) {
    if (a == null || b == null) {
      return a != null ? a.at() : b != null ? b.at() : null;
    }
    return a.at().isAfter(b.at()) ? a.at() : b.at();
  }

  private GuidanceItem.Severity wordingSeverity(CategoryRule rule, Instant now) {
    return rule.whenCustomerAngry() != null && customerAngry(now) ? rule.whenCustomerAngry() : rule.severity();
  }

  /** Adds the card unless the same category fired within its cool-down on this call. */
  private void fire(List<GuidanceItem> out, CategoryRule rule, GuidanceItem.Severity severity, String evidence,
                    Instant now) {
    Duration wait = rule.cooldown() != null ? rule.cooldown() : cooldown;
    Instant last = lastFired.get(rule.name());
    if (last != null && now.isBefore(last.plus(wait))) {
      return;
    }
    lastFired.put(rule.name(), now);
    out.add(item(rule.kind(), rule.name(), rule.title(), severity, rule.why(), rule.better(), evidence, now));
  }

  private GuidanceItem item(GuidanceItem.Kind kind, String category, String title, GuidanceItem.Severity severity,
                            String message, String suggestion, String evidence, Instant at) {
    complaintNotes.card(title);
    return new GuidanceItem(kind, category, title, severity, message, suggestion, evidence, at, callId, null, null);
  }

  private MeasuredEvidence measured() {
    return new MeasuredEvidence(speaking());
  }

  /** The language heard, else the one assumed before any words. */
  private String speaking() {
    return language != null ? language : assumedLanguage;
  }

  /**
   * A category of the call's language (the last stated in a segment, else the assumed one), else English, else any
   * pack that has it.
   */
  private CategoryRule rule(String name) {
    RulePack pack = packs.pack(speaking());
    if (pack == null) {
      pack = packs.pack("en");
    }
    CategoryRule rule = pack != null ? pack.category(name) : null;
    if (rule != null) {
      return rule;
    }
    for (String lang : packs.languages()) {
      rule = packs.pack(lang).category(name);
      if (rule != null) {
        return rule;
      }
    }
    return null;
  }

}
