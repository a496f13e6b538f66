package dev.attune.assist.audio;

import java.util.Arrays;

/**
 * One party's voice, frame by frame: 8 kHz 10 ms frames ({@link TelephoneBand}) go through voice activity,
 * loudness, pitch and syllable nuclei; {@link #window()} summarises what happened since the last call. Time is the
 * stream's own clock in epoch milliseconds, advanced by the audio and by {@link #advanceTo} over gaps (a phone that
 * stops sending RTP on hold sends no frames at all). Memory is fixed: a few small arrays, no growing lists.
 */
public final class PartyVoiceAnalyser {
  /** Speech time (in frames) over which the loudness baseline settles: about 30 s. */
  private static final double BASELINE_FRAMES = 3_000;
  /** The baseline says nothing before one second of speech. */
  private static final double MIN_BASELINE_FRAMES = 100;
  private static final int MAX_PITCHES = 128;
  /** Loudness counts frames within this range of the speaker's recent peak, so it scales with the voice. */
  private static final double LOUDNESS_RANGE_DB = 25;
  private static final double PEAK_DECAY_DB = 0.02;
  private static final int MAX_GAP_FRAMES = SyllableNucleiCounter.WINDOW_FRAMES;

  private final TelephoneBand band = new TelephoneBand();
  private final VoiceActivityDetector vad = new VoiceActivityDetector();
  private final PitchTracker pitch = new PitchTracker();
  private final VowelBand vowels = new VowelBand();
  private final SyllableNucleiCounter nuclei = new SyllableNucleiCounter();
  private final VoiceActivityDetector.TurnListener turns;
  private final float[] pitches = new float[MAX_PITCHES];
  private int pitchCount;
  private int windowFrames;
  private int windowTalkFrames;
  private int windowSpeechFrames;
  private double windowSpeechPower;
  private double baselineDb = Double.NaN;
  private double baselineFrames;
  private double peakDb = -90;
  private long clockMillis;
  private boolean started;

  /** @param turns told when this party's turns start and end, in the stream clock */
  public PartyVoiceAnalyser(VoiceActivityDetector.TurnListener turns) {
    this.turns = turns;
  }

  /** Feeds audio that ends at {@code endMillis} (the first call anchors the clock). */
  public void accept(short[] samples, int sampleRate, long endMillis) {
    long duration = Math.round(samples.length * 1000.0 / sampleRate);
    if (!started) {
      started = true;
      clockMillis = endMillis - duration;
    } else if (endMillis - duration - clockMillis > 200) {
      advanceTo(endMillis - duration); // frames went missing: that time was silent
    }
    band.accept(samples, sampleRate, this::frame);
  }

  /** Feeds audio on the stream's own clock, without wall-clock anchoring (tests, bench, files). */
  public void accept(short[] samples, int sampleRate) {
    started = true;
    band.accept(samples, sampleRate, this::frame);
  }

  /** Starts the clock at {@code millis} (before the first {@link #accept(short[], int)}). */
  public void startAt(long millis) {
    started = true;
    clockMillis = millis;
  }

  /** Time with no audio up to {@code millis} counts as silence; an open turn ends at its last speech. */
  public void advanceTo(long millis) {
    if (!started || millis <= clockMillis) {
      return;
    }
    vad.gap(turns);
    long frames = (millis - clockMillis) / 10;
    for (long i = 0; i < Math.min(frames, MAX_GAP_FRAMES); i++) {
      nuclei.silence();
    }
    windowFrames += (int) Math.min(frames, 100);
    clockMillis += frames * 10;
  }

  /** The stream clock: end of the audio analysed so far. */
  public long clockMillis() {
    return clockMillis;
  }

  public boolean started() {
    return started;
  }

  public boolean speaking() {
    return vad.inTurn();
  }

  /** Nuclei found since the start, before calibration (for tests and the calibration itself). */
  public long nucleiSoFar() {
    return nuclei.totalNuclei();
  }

  /** Summarises the frames since the previous call and starts a new window. */
  public VoiceWindow window() {
    double activity = windowFrames == 0 ? 0 : (double) windowTalkFrames / windowFrames;
    double loudness = Double.NaN;
    double vsBaseline = Double.NaN;
    if (windowSpeechFrames > 0) {
      loudness = 10 * Math.log10(windowSpeechPower / windowSpeechFrames + 1e-12);
      if (baselineFrames >= MIN_BASELINE_FRAMES) {
        vsBaseline = loudness - baselineDb;
      }
      // a plain average until the baseline has 30 s of speech, then an exponential one: a short first window
      // (a word's onset) does not set the baseline for the call
      baselineFrames = Math.min(BASELINE_FRAMES, baselineFrames + windowSpeechFrames);
      baselineDb = Double.isNaN(baselineDb) ? loudness
          : baselineDb + (loudness - baselineDb) * windowSpeechFrames / baselineFrames;
    }
    double median = Double.NaN;
    double spread = Double.NaN;
    if (pitchCount >= 3) {
      Arrays.sort(pitches, 0, pitchCount);
      median = pitches[pitchCount / 2];
      double q1 = pitches[pitchCount / 4];
      double q3 = pitches[(3 * pitchCount) / 4];
      spread = 12 * Math.log(q3 / q1) / Math.log(2);
    }
    VoiceWindow w = new VoiceWindow(activity, loudness, vsBaseline, median, spread, nuclei.syllablesPerSecond());
    windowFrames = 0;
    windowTalkFrames = 0;
    windowSpeechFrames = 0;
    windowSpeechPower = 0;
    pitchCount = 0;
    return w;
  }

  private void frame(float[] samples) {
    double power = 0;
    for (float s : samples) {
      power += s * s;
    }
    power /= samples.length;
    double db = 10 * Math.log10(power + 1e-12);
    boolean speech = vad.frame(db, clockMillis, turns);
    peakDb = Math.max(db, peakDb - PEAK_DECAY_DB);
    double f0 = pitch.frame(samples, speech);
    boolean voiced = !Double.isNaN(f0);
    boolean talking = vad.inTurn();
    nuclei.frame(vowels.power(samples), voiced, talking);
    windowFrames++;
    if (talking) {
      windowTalkFrames++;
    }
    if (speech && db > peakDb - LOUDNESS_RANGE_DB) { // the active speech level, not the word edges
      windowSpeechFrames++;
      windowSpeechPower += power;
      if (voiced && pitchCount < MAX_PITCHES) {
        pitches[pitchCount++] = (float) f0;
      }
    }
    clockMillis += 10;
  }
}
