package dev.attune.assist.audio;

/**
 * What one party's voice did in the last window; NaN where the party did not speak enough to say.
 *
 * @param pitchVariability interquartile range of F0 in semitones
 */
public record VoiceWindow(double voiceActivity, double loudnessDbfs, double loudnessVsBaselineDb, double pitchMedianHz,
                          double pitchVariability, double syllablesPerSecond) {}
