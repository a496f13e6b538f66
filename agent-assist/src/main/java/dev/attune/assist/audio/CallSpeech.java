package dev.attune.assist.audio;

import dev.attune.core.bus.SpeechFeatures;

import dev.attune.core.calls.Party;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The speech analysis of one call: an analyser per party stream and the shared {@link CallTimeline}. Not thread-safe:
 * one Vert.x context owns it. Wall-clock milliseconds are the common clock of both streams.
 */
public final class CallSpeech {
  /** How far behind the wall clock a stream may lag before the missing time is counted as silence. */
  static final long MAX_LAG_MS = 300;

  private final String callId;
  private final CallTimeline timeline;
  private final Map<Party, PartyVoiceAnalyser> parties = new EnumMap<>(Party.class);
  private long lastActivity;

  public CallSpeech(String callId, long connectedAtMillis, CallTimeline.IntervalSink sink) {
    this.callId = callId;
    this.timeline = new CallTimeline(connectedAtMillis, sink);
    this.lastActivity = connectedAtMillis;
  }

  /**
   * A stream for {@code party} opened. A second stream for the same party (the new agent after a transfer) replaces
   * the first; the returned handle tells the streams apart.
   */
  public PartyVoiceAnalyser attach(Party party) {
    PartyVoiceAnalyser analyser = new PartyVoiceAnalyser(timeline.turnsOf(party));
    PartyVoiceAnalyser old = parties.put(party, analyser);
    if (old != null) {
      old.advanceTo(Long.MAX_VALUE / 2); // close its open turn; it gets no more audio
    }
    return analyser;
  }

  /** Whether {@code analyser} is still the one taking {@code party}'s audio. */
  public boolean current(Party party, PartyVoiceAnalyser analyser) {
    return parties.get(party) == analyser;
  }

  /** The stream behind {@code analyser} ended (only the current stream of a party detaches it). */
  public void detach(Party party, PartyVoiceAnalyser analyser, long atMillis) {
    if (parties.get(party) == analyser) {
      parties.remove(party);
      analyser.advanceTo(atMillis); // ends an open turn
    }
    lastActivity = atMillis;
  }

  public boolean hasStreams() {
    return !parties.isEmpty();
  }

  public long lastActivityMillis() {
    return lastActivity;
  }

  /** Audio that arrived at {@code arrivalMillis}; ignored while held (nobody should be coached on hold music). */
  public void audio(Party party, short[] samples, int sampleRate, long arrivalMillis) {
    PartyVoiceAnalyser analyser = parties.get(party);
    lastActivity = arrivalMillis;
    if (analyser == null || timeline.held()) {
      return;
    }
    analyser.accept(samples, sampleRate, arrivalMillis);
  }

  public void hold(long atMillis) {
    catchUp(atMillis);
    timeline.hold(atMillis);
  }

  public void resume(long atMillis) {
    for (PartyVoiceAnalyser a : parties.values()) {
      a.advanceTo(atMillis); // the hold is a gap for the analysers, not silence for the call
    }
    timeline.resume(atMillis);
  }

  /** Settles the timeline and returns one {@link SpeechFeatures} per party that has a stream. */
  public List<SpeechFeatures> features(long nowMillis) {
    catchUp(nowMillis);
    List<SpeechFeatures> out = new ArrayList<>(2);
    Instant at = Instant.ofEpochMilli(nowMillis);
    for (Map.Entry<Party, PartyVoiceAnalyser> e : parties.entrySet()) {
      Party party = e.getKey();
      VoiceWindow w = e.getValue().window();
      out.add(new SpeechFeatures(callId, party, at, w.voiceActivity(), w.loudnessDbfs(), w.loudnessVsBaselineDb(),
          w.pitchMedianHz(), w.pitchVariability(), w.syllablesPerSecond(), timeline.talkShare(party),
          timeline.interruptionsStarted(party), timeline.currentDeadAirMillis() / 1000.0, timeline.held(),
          timeline.holdMillis() / 1000.0, timeline.deadAirMillis() / 1000.0));
    }
    return out;
  }

  public CallTimeline timeline() {
    return timeline;
  }

  /** Streams that fell silent (no RTP) are silence up to a little before now; then settle where both have reached. */
  private void catchUp(long nowMillis) {
    long settled = nowMillis - MAX_LAG_MS;
    for (PartyVoiceAnalyser a : parties.values()) {
      if (!timeline.held()) {
        a.advanceTo(nowMillis - MAX_LAG_MS);
      }
      if (a.started()) {
        settled = Math.min(settled, a.clockMillis());
      }
    }
    timeline.settle(settled);
  }
}
