package dev.attune.core.bus;

import dev.attune.core.calls.Party;
import java.time.Instant;

/**
 * What one party's voice did over the last window (about 1 s), plus the running call-level figures the
 * tone and pace rules need. Rates and pitch are NaN when the party did not speak in the window.
 *
 * @param voiceActivity        share of the window with speech, 0..1
 * @param loudnessDbfs         RMS level of voiced frames, dBFS
 * @param loudnessVsBaselineDb loudness relative to this speaker's own running baseline
 * @param pitchMedianHz        median F0 over voiced frames
 * @param pitchVariability     spread of F0 (semitones, interquartile range)
 * @param syllablesPerSecond   speaking rate over a sliding window, without ASR
 * @param talkShare            this party's share of all talk time on the call so far
 * @param interruptionsStarted overlaps this party started second (long enough to count) since the call began
 * @param deadAirSeconds       the current stretch with nobody speaking while connected and not on hold
 * @param onHold               analysis is paused while the call is held
 * @param holdSeconds          the call's hold time so far
 * @param deadAirTotalSeconds  all dead air on the call so far (stretches over 3 s, off hold)
 */
public record SpeechFeatures(String callId, Party party, Instant at, double voiceActivity, double loudnessDbfs,
                             double loudnessVsBaselineDb, double pitchMedianHz, double pitchVariability,
                             double syllablesPerSecond, double talkShare, int interruptionsStarted,
                             double deadAirSeconds, boolean onHold, double holdSeconds,
                             double deadAirTotalSeconds) implements BusMessage {

  /** The original shape, for code written before the call totals were added. */
  public SpeechFeatures(String callId, Party party, Instant at, double voiceActivity, double loudnessDbfs,
                        double loudnessVsBaselineDb, double pitchMedianHz, double pitchVariability,
                        double syllablesPerSecond, double talkShare, int interruptionsStarted,
                        double deadAirSeconds, boolean onHold) {
    this(callId, party, at, voiceActivity, loudnessDbfs, loudnessVsBaselineDb, pitchMedianHz, pitchVariability,
        syllablesPerSecond, talkShare, interruptionsStarted, deadAirSeconds, onHold, 0, 0);
  }
}
