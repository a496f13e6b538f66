package dev.attune.assist.guidance;

import dev.attune.core.bus.SpeechFeatures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What one party's voice has been doing: a slow running baseline of their pitch and speaking rate (their own
 * normal, since absolute figures differ by person and language), and the recent voiced windows for averaging
 * the rate. The baseline only learns while {@code learn} is true, so an angry stretch does not become the norm.
 */
final class VoiceTrend {
  private static final double VOICED = 0.2;        // share of a window with speech for it to count as talking
  private static final double BASELINE_WEIGHT = 0.1;

  private double pitchBaseline = Double.NaN;
  private double rateBaseline = Double.NaN;
  private final Deque<Sample> recent = new ArrayDeque<>();

  private record Sample(Instant at, double rate) {}

  static boolean voiced(SpeechFeatures f) {
    return f.voiceActivity() >= VOICED;
  }

  void add(SpeechFeatures f, Instant at, boolean learn) {
    if (!voiced(f)) {
      return;
    }
    if (learn && !Double.isNaN(f.pitchMedianHz())) {
      pitchBaseline = ema(pitchBaseline, f.pitchMedianHz());
    }
    if (!Double.isNaN(f.syllablesPerSecond())) {
      if (learn) {
        rateBaseline = ema(rateBaseline, f.syllablesPerSecond());
      }
      recent.addLast(new Sample(at, f.syllablesPerSecond()));
    }
  }

  private static double ema(double base, double value) {
    return Double.isNaN(base) ? value : base + BASELINE_WEIGHT * (value - base);
  }

  double pitchBaseline() {
    return pitchBaseline;
  }

  double rateBaseline() {
    return rateBaseline;
  }

  /** Drops windows older than {@code span} before {@code now}; returns how many voiced windows remain. */
  int keep(Instant now, Duration span) {
    Instant from = now.minus(span);
    while (!recent.isEmpty() && recent.peekFirst().at().isBefore(from)) {
      recent.removeFirst();
    }
    return recent.size();
  }

  double averageRate() {
    return recent.stream().mapToDouble(Sample::rate).average().orElse(Double.NaN);
  }
}
