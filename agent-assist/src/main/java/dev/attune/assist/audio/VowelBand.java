package dev.attune.assist.audio;

/**
 * A band-pass biquad (RBJ cookbook, constant peak gain) over 300–2,000 Hz at 8 kHz: where vowels carry their energy
 * and most consonants do not, so syllable nuclei stand out as peaks of its power.
 */
final class VowelBand {
  private final double b0;
  private final double b2;
  private final double a1;
  private final double a2;
  private double x1;
  private double x2;
  private double y1;
  private double y2;

  VowelBand() {
    double low = 300;
    double high = 2_000;
    double centre = Math.sqrt(low * high);
    double q = centre / (high - low);
    double w0 = 2 * Math.PI * centre / TelephoneBand.RATE;
    double alpha = Math.sin(w0) / (2 * q);
    double a0 = 1 + alpha;
    b0 = alpha / a0;
    b2 = -alpha / a0;
    a1 = -2 * Math.cos(w0) / a0;
    a2 = (1 - alpha) / a0;
  }

  /** Mean square of the band-passed frame. */
  double power(float[] frame) {
    double sum = 0;
    for (float x : frame) {
      double y = b0 * x + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      sum += y * y;
    }
    return sum / frame.length;
  }
}
