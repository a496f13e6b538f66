package dev.attune.assist.audio;

/**
 * Fundamental frequency by YIN (de Cheveigné & Kawahara 2002: cumulative-mean-normalised difference, absolute
 * threshold, parabolic refinement) on the signal decimated to 4 kHz, which is plenty for 60–400 Hz voices and
 * halves the cost. Fed 10 ms frames at 8 kHz; estimates on every second frame over the last 34 ms.
 */
final class PitchTracker {
  static final double MIN_HZ = 60;
  static final double MAX_HZ = 400;
  private static final int RATE = 4_000;
  private static final int MAX_TAU = (int) (RATE / MIN_HZ) + 1;  // 67
  private static final int MIN_TAU = (int) (RATE / MAX_HZ);      // 10
  private static final int WINDOW = MAX_TAU;
  private static final int SIZE = WINDOW + MAX_TAU + 1;
  private static final double THRESHOLD = 0.15;
  /** Above this the best dip is too aperiodic to call the frame voiced. */
  private static final double VOICED_MAX = 0.35;

  private final float[] ring = new float[SIZE];   // last SIZE samples at 4 kHz, oldest first after unrolling
  private final float[] x = new float[SIZE];
  private final double[] diff = new double[MAX_TAU + 1];
  private int head;
  private int filled;
  private boolean odd;
  private double lastHz = Double.NaN;

  /**
   * @param analyse false skips the estimate (silence), keeping the history current
   * @return F0 in Hz of the latest estimate, NaN when unvoiced
   */
  double frame(float[] samples, boolean analyse) {
    for (int i = 0; i + 1 < samples.length; i += 2) {
      ring[head] = (samples[i] + samples[i + 1]) * 0.5f;
      head = (head + 1) % SIZE;
      if (filled < SIZE) {
        filled++;
      }
    }
    odd = !odd;
    if (!odd) {
      return lastHz; // estimate every 20 ms
    }
    lastHz = analyse && filled == SIZE ? estimate() : Double.NaN;
    return lastHz;
  }

  private double estimate() {
    for (int i = 0; i < SIZE; i++) {
      x[i] = ring[(head + i) % SIZE];
    }
    double running = 0;
    int best = -1;
    double bestValue = Double.MAX_VALUE;
    diff[0] = 1;
    for (int tau = 1; tau <= MAX_TAU; tau++) {
      double d = 0;
      for (int j = 0; j < WINDOW; j++) {
        double delta = x[j] - x[j + tau];
        d += delta * delta;
      }
      running += d;
      diff[tau] = running == 0 ? 1 : d * tau / running;
    }
    for (int tau = MIN_TAU; tau <= MAX_TAU; tau++) {
      if (diff[tau] < THRESHOLD) {
        while (tau + 1 <= MAX_TAU && diff[tau + 1] < diff[tau]) {
          tau++;
        }
        best = tau;
        bestValue = diff[tau];
        break;
      }
      if (diff[tau] < bestValue) {
        bestValue = diff[tau];
        best = tau;
      }
    }
    if (best < 0 || bestValue > VOICED_MAX) {
      return Double.NaN;
    }
    double refined = best;
    if (best > MIN_TAU && best < MAX_TAU) {
      double a = diff[best - 1];
      double b = diff[best];
      double c = diff[best + 1];
      double denominator = a - 2 * b + c;
      if (denominator > 0) {
        refined = best + 0.5 * (a - c) / denominator;
      }
    }
    return RATE / refined;
  }
}
