package dev.attune.sim.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A short speech clip shipped with the simulator ({@code /audio/<name>.ulaw}: 8 kHz G.711 u-law, made with espeak-ng
 * by scripts/make-sim-clips.py), decoded to 16-bit samples.
 */
public record SpeechClip(String name, short[] samples) {

  public static SpeechClip load(String name) {
    try (InputStream in = SpeechClip.class.getResourceAsStream("/audio/" + name + ".ulaw")) {
      if (in == null) {
        throw new IllegalArgumentException("no clip /audio/" + name + ".ulaw");
      }
      byte[] ulaw = in.readAllBytes();
      short[] pcm = new short[ulaw.length];
      for (int i = 0; i < ulaw.length; i++) {
        pcm[i] = decode(ulaw[i]);
      }
      return new SpeechClip(name, pcm);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int millis() {
    return samples.length / 8;
  }

  /** ITU-T G.711 u-law to linear. */
  static short decode(byte b) {
    int u = ~b & 0xFF;
    int t = ((u & 0x0F) << 3) + 0x84;
    t <<= (u & 0x70) >> 4;
    return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
  }
}
