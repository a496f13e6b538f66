package dev.attune.assist.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Speech for the accuracy tests: espeak-ng made on the fly (the Debian package, listed in .ci/apt-packages.d) and
 * WAV files such as pocketsphinx-testdata's LibriVox clips, all brought to 8 kHz mono 16-bit.
 */
final class SpeechClips {
  static final Path LIBRIVOX = Path.of("/usr/share/pocketsphinx/test/data/librivox");

  private SpeechClips() {}

  /** A clip of {@code text} spoken at {@code wpm} words per minute, at 8 kHz. */
  static short[] espeak(String text, int wpm) throws IOException, InterruptedException {
    requireTool(Path.of("/usr/bin/espeak-ng"), "espeak-ng");
    Process p = new ProcessBuilder("espeak-ng", "-v", "en-us", "-s", String.valueOf(wpm), "--stdout", text)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] wav;
    try (InputStream in = p.getInputStream()) {
      wav = in.readAllBytes();
    }
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("espeak-ng failed");
    }
    return to8k(wav);
  }

  static short[] wav8k(Path file) throws IOException {
    requireTool(file, "pocketsphinx-testdata");
    return to8k(Files.readAllBytes(file));
  }

  /** CI installs the packages; a developer machine without them skips instead of failing. */
  private static void requireTool(Path path, String debianPackage) {
    if (!Files.exists(path)) {
      if (System.getenv("CI") != null) {
        throw new AssertionError(path + " missing: install the Debian package " + debianPackage);
      }
      Assumptions.abort(path + " missing: apt-get install " + debianPackage);
    }
  }

  /** Parses a PCM16 mono WAV (espeak's streamed header has bogus sizes, so the data runs to the end). */
  static short[] to8k(byte[] wav) {
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    int rate = b.getInt(24);
    int pos = 12;
    while (pos + 8 <= wav.length) {
      String id = new String(wav, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
      int size = b.getInt(pos + 4);
      if (id.equals("data")) {
        pos += 8;
        break;
      }
      pos += 8 + size;
    }
    int n = (wav.length - pos) / 2;
    if (id(wav, pos - 8).equals("data") && b.getInt(pos - 4) > 0 && b.getInt(pos - 4) / 2 < n) {
      n = b.getInt(pos - 4) / 2;
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = b.getShort(pos + 2 * i);
    }
    return resample(x, rate, 8_000);
  }

  private static String id(byte[] wav, int at) {
    return new String(wav, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Windowed-sinc low-pass at 0.45 × the new rate, then linear interpolation. */
  static short[] resample(double[] x, int from, int to) {
    double[] y = x;
    if (from != to) {
      double cutoff = 0.45 * to / from;
      int half = 32;
      double[] h = new double[2 * half + 1];
      double sum = 0;
      for (int k = -half; k <= half; k++) {
        double sinc = k == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
        double window = 0.54 + 0.46 * Math.cos(Math.PI * k / half);
        h[k + half] = sinc * window;
        sum += h[k + half];
      }
      y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        double acc = 0;
        for (int k = -half; k <= half; k++) {
          int j = i - k;
          if (j >= 0 && j < x.length) {
            acc += x[j] * h[k + half];
          }
        }
        y[i] = acc / sum;
      }
    }
    int n = (int) ((long) x.length * to / from);
    short[] out = new short[n];
    for (int i = 0; i < n; i++) {
      double t = (double) i * from / to;
      int j = (int) t;
      double frac = t - j;
      double v = j + 1 < y.length ? y[j] * (1 - frac) + y[j + 1] * frac : y[Math.min(j, y.length - 1)];
      out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
    }
    return out;
  }

  /** Start and end (ms) of the audible part: first and last 10 ms frame above -45 dBFS. */
  static long[] speechSpan(short[] clip) {
    int first = -1;
    int last = -1;
    for (int f = 0; f * 80 + 80 <= clip.length; f++) {
      double power = 0;
      for (int i = f * 80; i < f * 80 + 80; i++) {
        power += (clip[i] / 32768.0) * (clip[i] / 32768.0);
      }
      if (10 * Math.log10(power / 80 + 1e-12) > -45) {
        if (first < 0) {
          first = f;
        }
        last = f;
      }
    }
    return new long[] {first * 10L, last * 10L + 10};
  }

  static short[] scaled(short[] clip, double gain) {
    short[] out = new short[clip.length];
    for (int i = 0; i < clip.length; i++) {
      out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(clip[i] * gain)));
    }
    return out;
  }

  /** Feeds a clip in 20 ms frames and returns the analyser's window at the end. */
  static VoiceWindow analyse(PartyVoiceAnalyser analyser, short[] clip) {
    analyser.startAt(0);
    for (int i = 0; i < clip.length; i += 160) {
      short[] frame = java.util.Arrays.copyOfRange(clip, i, Math.min(clip.length, i + 160));
      analyser.accept(frame, 8_000);
    }
    return analyser.window();
  }
}
