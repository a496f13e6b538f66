package dev.attune.assist.audio;

/**
 * Speaking rate without ASR, after de Jong &amp; Wempe (2009): a syllable nucleus is a peak of the intensity contour
 * that is voiced, lies within {@value #BELOW_PEAK_DB} dB of the speaker's recent peak level (so the humps of a long
 * nasal or liquid coda in slow speech are not taken for vowels; de Jong &amp; Wempe use 25 dB on whole files) and
 * is followed by a dip of at least {@value #MIN_DIP_DB} dB before the next peak. Written from the paper, not from
 * the (GPL) Praat script. The rate is nuclei per second of speech over a sliding window of {@value #WINDOW_FRAMES}
 * frames (10 s), kept as one byte per frame.
 */
final class SyllableNucleiCounter {
  static final double BELOW_PEAK_DB = 12;
  static final double MIN_DIP_DB = 3;
  static final int WINDOW_FRAMES = 1_000;
  /**
   * Nuclei found per true syllable: 76 of 99 on the LibriVox clips of pocketsphinx-testdata (SpeechAccuracyTest);
   * unstressed syllables more than {@value #BELOW_PEAK_DB} dB under the speaker's peaks are the ones missed.
   */
  static final double CALIBRATION = 0.77;
  private static final int SMOOTH = 5;          // intensity over 50 ms, like Praat's 3.2/F0min window
  private static final double PEAK_DECAY_DB = 0.02; // per frame: the reference level forgets a shout in ~10 s
  private static final byte SPEECH = 1;
  private static final byte NUCLEUS = 2;

  private final double[] recentPower = new double[SMOOTH];
  private final byte[] window = new byte[WINDOW_FRAMES];
  private int windowHead;
  private int speechFrames;
  private int nuclei;
  private int recentIndex;
  private double peakLevelDb = -90;
  private double prev2 = -120;
  private double prev1 = -120;
  private boolean prev1Voiced;
  private boolean prev1Speech;
  private boolean pending;
  private double pendingDb;
  private long total;

  /**
   * @param power   mean square of the frame
   * @param voiced  whether the pitch tracker found F0 in this frame
   * @param speech  whether the frame is inside a speech turn
   */
  void frame(double power, boolean voiced, boolean speech) {
    recentPower[recentIndex] = power;
    recentIndex = (recentIndex + 1) % SMOOTH;
    double sum = 0;
    for (double p : recentPower) {
      sum += p;
    }
    double level = 10 * Math.log10(sum / SMOOTH + 1e-12);
    peakLevelDb = Math.max(level, peakLevelDb - PEAK_DECAY_DB);

    byte mark = speech ? SPEECH : 0;
    if (prev1 > prev2 && prev1 >= level) {
      // a new peak: one still pending had no dip after it, so it and this one were the same syllable
      pending = prev1Voiced && prev1Speech && prev1 > peakLevelDb - BELOW_PEAK_DB;
      pendingDb = prev1;
    }
    if (pending && pendingDb - level >= MIN_DIP_DB) {
      pending = false;
      mark |= NUCLEUS;
      total++;
    }
    slide(mark);
    prev2 = prev1;
    prev1 = level;
    prev1Voiced = voiced;
    prev1Speech = speech;
  }

  /** Frames without audio: they are silence for the window. */
  void silence() {
    prev2 = prev1 = -120;
    pending = false;
    slide((byte) 0);
  }

  /** Syllables per second of speech in the window (calibrated), NaN with under one second of speech. */
  double syllablesPerSecond() {
    if (speechFrames < 100) {
      return Double.NaN;
    }
    return nuclei / CALIBRATION / (speechFrames / 100.0);
  }

  /** Nuclei since the stream began (for tests and calibration). */
  long totalNuclei() {
    return total;
  }

  private void slide(byte mark) {
    byte old = window[windowHead];
    if ((old & SPEECH) != 0) {
      speechFrames--;
    }
    if ((old & NUCLEUS) != 0) {
      nuclei--;
    }
    window[windowHead] = mark;
    windowHead = (windowHead + 1) % WINDOW_FRAMES;
    if ((mark & SPEECH) != 0) {
      speechFrames++;
    }
    if ((mark & NUCLEUS) != 0) {
      nuclei++;
    }
  }
}
