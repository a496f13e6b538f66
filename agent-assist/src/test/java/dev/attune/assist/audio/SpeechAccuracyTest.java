package dev.attune.assist.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Accuracy on real and synthetic speech: rate (espeak-ng, LibriVox), pitch, loudness. */
class SpeechAccuracyTest {
  private static final int[] WPM = {100, 130, 160, 190, 220, 250, 280};
  private static final VoiceActivityDetector.TurnListener IGNORE = new VoiceActivityDetector.TurnListener() {
    @Override
    public void turnStarted(long atMillis) { }

    @Override
    public void turnEnded(long atMillis) { }
  };

  @Test
  void estimatedRateRisesWithEspeakRateAndIsWithin15PercentAfterOneCalibration() throws Exception {
    String[] fixture = lines("rate-text.txt").get(0).split("\t");
    int syllables = Integer.parseInt(fixture[0]);
    double[] truth = new double[WPM.length];
    double[] estimate = new double[WPM.length];
    for (int i = 0; i < WPM.length; i++) {
      short[] clip = SpeechClips.espeak(fixture[1], WPM[i]);
      long[] span = SpeechClips.speechSpan(clip);
      truth[i] = syllables / ((span[1] - span[0]) / 1000.0);
      PartyVoiceAnalyser analyser = new PartyVoiceAnalyser(IGNORE);
      SpeechClips.analyse(analyser, clip);
      // the whole clip, not the 10 s window: the shortest and longest clips are then measured alike
      estimate[i] = analyser.nucleiSoFar() / SyllableNucleiCounter.CALIBRATION / ((span[1] - span[0]) / 1000.0);
    }
    int middle = 2; // 160 wpm, the geometric middle of 100..280

    double calibration = truth[middle] / estimate[middle];
    StringBuilder report = new StringBuilder("espeak-ng rate (syllables/s), one calibration x"
        + String.format("%.3f", calibration) + " at " + WPM[middle] + " wpm:\n");
    for (int i = 0; i < WPM.length; i++) {
      report.append(String.format("  %3d wpm  truth %.2f  estimate %.2f  calibrated %.2f  error %+.1f%%%n", WPM[i],
          truth[i], estimate[i], estimate[i] * calibration, 100 * (estimate[i] * calibration / truth[i] - 1)));
    }
    System.out.println(report);
    for (int i = 1; i < WPM.length; i++) {
      assertThat(estimate[i]).as(report.toString()).isGreaterThan(estimate[i - 1]);
    }
    for (int i = 0; i < WPM.length; i++) {
      assertThat(estimate[i] * calibration).as(report.toString()).isCloseTo(truth[i], within(0.15 * truth[i]));
    }
  }

  @Test
  void realRecordedSpeechSyllableCountErrorIsReportedPerClip() throws Exception {
    List<String> rows = lines("librivox-syllables.txt");
    StringBuilder report = new StringBuilder("LibriVox (pocketsphinx-testdata) syllables, 16 kHz fed as 0x12 audio:\n");
    double sumAbsError = 0;
    int found = 0;
    int truthTotal = 0;
    for (String row : rows) {
      String[] f = row.split("\t");
      short[] clip = SpeechClips.wav8k(SpeechClips.LIBRIVOX.resolve(f[0]));
      int truth = Integer.parseInt(f[1]);
      PartyVoiceAnalyser analyser = new PartyVoiceAnalyser(IGNORE);
      SpeechClips.analyse(analyser, clip);
      double estimate = analyser.nucleiSoFar() / SyllableNucleiCounter.CALIBRATION;
      double error = estimate / truth - 1;
      sumAbsError += Math.abs(error);
      found += (int) analyser.nucleiSoFar();
      truthTotal += truth;
      report.append(String.format("  %s  truth %d  nuclei %d  calibrated %.1f  error %+.0f%%%n", f[0], truth,
          analyser.nucleiSoFar(), estimate, 100 * error));
    }
    double mape = sumAbsError / rows.size();
    report.append(String.format("  nuclei %d of %d syllables; mean absolute error after calibration %.0f%%",
        found, truthTotal, 100 * mape));
    System.out.println(report);
    assertThat(mape).as(report.toString()).isLessThan(0.20);
  }

  @Test
  void pitchOfAHarmonicToneIsWithinFivePercent() {
    for (double f0 : new double[] {85, 120, 180, 240, 330}) {
      short[] tone = harmonicTone(f0, 2.0);
      VoiceWindow w = SpeechClips.analyse(new PartyVoiceAnalyser(IGNORE), tone);
      assertThat(w.pitchMedianHz()).as("F0 %.0f Hz", f0).isCloseTo(f0, within(0.05 * f0));
      assertThat(w.pitchVariability()).as("a steady tone has no spread").isLessThan(1.0);
    }
  }

  @Test
  void aCopySixDbLouderReadsSixDbLouder() throws Exception {
    short[] clip = SpeechClips.scaled(SpeechClips.espeak(lines("rate-text.txt").get(0).split("\t")[1], 175), 0.25);
    VoiceWindow quiet = SpeechClips.analyse(new PartyVoiceAnalyser(IGNORE), clip);
    VoiceWindow loud = SpeechClips.analyse(new PartyVoiceAnalyser(IGNORE), SpeechClips.scaled(clip, 2.0));
    assertThat(loud.loudnessDbfs() - quiet.loudnessDbfs()).isCloseTo(20 * Math.log10(2), within(0.5));
  }

  @Test
  void loudnessAgainstTheSpeakersOwnBaselineShowsARaisedVoice() throws Exception {
    short[] clip = SpeechClips.scaled(SpeechClips.espeak(lines("rate-text.txt").get(0).split("\t")[1], 175), 0.2);
    PartyVoiceAnalyser analyser = new PartyVoiceAnalyser(IGNORE);
    analyser.startAt(0);
    feed(analyser, clip);
    analyser.window(); // the calm part sets the baseline
    feed(analyser, SpeechClips.scaled(clip, 2.8));
    assertThat(analyser.window().loudnessVsBaselineDb()).isCloseTo(20 * Math.log10(2.8), within(1.5));
  }

  static short[] harmonicTone(double f0, double seconds) {
    short[] out = new short[(int) (8_000 * seconds)];
    for (int i = 0; i < out.length; i++) {
      double v = 0;
      for (int h = 1; h <= 6 && h * f0 < 3_800; h++) {
        v += Math.sin(2 * Math.PI * h * f0 * i / 8_000) / h;
      }
      out[i] = (short) (6_000 * v);
    }
    return out;
  }

  private static void feed(PartyVoiceAnalyser analyser, short[] clip) {
    for (int i = 0; i < clip.length; i += 160) {
      analyser.accept(java.util.Arrays.copyOfRange(clip, i, Math.min(clip.length, i + 160)), 8_000);
    }
  }

  static List<String> lines(String resource) throws IOException {
    List<String> out = new ArrayList<>();
    try (var in = Objects.requireNonNull(SpeechAccuracyTest.class.getResourceAsStream("/audio/" + resource))) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line);
        }
      }
    }
    return out;
  }
}
