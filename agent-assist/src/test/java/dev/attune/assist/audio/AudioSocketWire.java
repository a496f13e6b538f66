package dev.attune.assist.audio;

import java.nio.ByteBuffer;
import java.util.UUID;

/** Writes AudioSocket frames the way Asterisk does, for tests. */
final class AudioSocketWire {
  private AudioSocketWire() {}

  static byte[] frame(int type, byte[] payload) {
    byte[] out = new byte[3 + payload.length];
    out[0] = (byte) type;
    out[1] = (byte) (payload.length >> 8);
    out[2] = (byte) payload.length;
    System.arraycopy(payload, 0, out, 3, payload.length);
    return out;
  }

  static byte[] identity(UUID uuid) {
    return frame(0x01, ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits()).array());
  }

  static byte[] audio(short[] samples) {
    return frame(0x10, le(samples));
  }

  static byte[] le(short[] samples) {
    byte[] out = new byte[samples.length * 2];
    for (int i = 0; i < samples.length; i++) {
      out[2 * i] = (byte) samples[i];
      out[2 * i + 1] = (byte) (samples[i] >> 8);
    }
    return out;
  }
}
