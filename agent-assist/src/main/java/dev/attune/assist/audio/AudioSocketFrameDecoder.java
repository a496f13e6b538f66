package dev.attune.assist.audio;

import dev.attune.assist.audio.AudioSocketProtocolException.Problem;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Turns the bytes of one AudioSocket connection into frames, however TCP splits or joins them. It keeps at most one
 * unfinished frame (header + up to {@link #MAX_PAYLOAD} bytes), so a stream's memory stays bounded. Once it has
 * thrown, the stream is broken and it accepts nothing more.
 */
public final class AudioSocketFrameDecoder {
  /** 40 ms at 192 kHz; a larger length is a corrupt header or a hostile peer, not audio. */
  public static final int MAX_PAYLOAD = 16_384;
  private static final int HEADER = 3;

  private final byte[] header = new byte[HEADER];
  private int headerFill;
  private byte[] payload;
  private int payloadFill;
  private boolean broken;

  /**
   * Decodes what {@code bytes[offset, offset+length)} completes and hands each frame to {@code sink}, in order.
   *
   * @throws AudioSocketProtocolException on an unknown type, an oversize length or a malformed payload
   */
  public void feed(byte[] bytes, int offset, int length, Consumer<AudioSocketFrame> sink) {
    if (broken) {
      throw new IllegalStateException("the stream already broke the protocol");
    }
    int pos = offset;
    int end = offset + length;
    while (pos < end) {
      if (headerFill < HEADER) {
        header[headerFill++] = bytes[pos++];
        if (headerFill == HEADER) {
          startPayload();
          if (payload.length == 0) {
            sink.accept(complete());
          }
        }
        continue;
      }
      int n = Math.min(end - pos, payload.length - payloadFill);
      System.arraycopy(bytes, pos, payload, payloadFill, n);
      payloadFill += n;
      pos += n;
      if (payloadFill == payload.length) {
        sink.accept(complete());
      }
    }
  }

  /** True between frames: a peer that closes now left nothing half-sent. */
  public boolean atFrameBoundary() {
    return headerFill == 0;
  }

  /** How many bytes of an unfinished frame are held (for the log line when a peer vanishes mid-frame). */
  public int pendingBytes() {
    return headerFill < HEADER ? headerFill : HEADER + payloadFill;
  }

  private void startPayload() {
    int type = header[0] & 0xFF;
    int length = ((header[1] & 0xFF) << 8) | (header[2] & 0xFF);
    if (!known(type)) {
      fail(Problem.UNKNOWN_TYPE, String.format("unknown frame type 0x%02x (length %d)", type, length));
    }
    if (length > MAX_PAYLOAD) {
      fail(Problem.OVERSIZE, String.format("frame type 0x%02x declares %d bytes, more than %d", type, length,
          MAX_PAYLOAD));
    }
    payload = new byte[length];
    payloadFill = 0;
  }

  private AudioSocketFrame complete() {
    int type = header[0] & 0xFF;
    byte[] body = payload;
    headerFill = 0;
    payload = null;
    return switch (type) {
      case 0x00 -> new AudioSocketFrame.Hangup();
      case 0x01 -> identity(body);
      case 0x03 -> {
        if (body.length != 1) {
          fail(Problem.BAD_PAYLOAD, "DTMF frame of " + body.length + " bytes, expected 1");
        }
        yield new AudioSocketFrame.Dtmf((char) (body[0] & 0xFF));
      }
      case 0xFF -> new AudioSocketFrame.Error(body.length == 0 ? 0 : body[0] & 0xFF);
      default -> audio(type, body);
    };
  }

  private AudioSocketFrame identity(byte[] body) {
    if (body.length != 16) {
      fail(Problem.BAD_PAYLOAD, "UUID frame of " + body.length + " bytes, expected 16");
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (body[i] & 0xFF);
      lo = (lo << 8) | (body[i + 8] & 0xFF);
    }
    return new AudioSocketFrame.Identity(new UUID(hi, lo));
  }

  private AudioSocketFrame audio(int type, byte[] body) {
    if ((body.length & 1) != 0) {
      fail(Problem.BAD_PAYLOAD, String.format("audio frame type 0x%02x has an odd length %d", type, body.length));
    }
    short[] samples = new short[body.length / 2];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) ((body[2 * i] & 0xFF) | (body[2 * i + 1] << 8));
    }
    return new AudioSocketFrame.Audio(sampleRate(type), samples);
  }

  private void fail(Problem problem, String message) {
    broken = true;
    throw new AudioSocketProtocolException(problem, message);
  }

  private static boolean known(int type) {
    return type == 0x00 || type == 0x01 || type == 0x03 || type == 0xFF || (type >= 0x10 && type <= 0x18);
  }

  /** Sample rate of an audio type code (res_audiosocket.h: 0x10 slin … 0x18 slin192). */
  static int sampleRate(int type) {
    return switch (type) {
      case 0x10 -> 8_000;
      case 0x11 -> 12_000;
      case 0x12 -> 16_000;
      case 0x13 -> 24_000;
      case 0x14 -> 32_000;
      case 0x15 -> 44_100;
      case 0x16 -> 48_000;
      case 0x17 -> 96_000;
      case 0x18 -> 192_000;
      default -> throw new IllegalArgumentException(String.format("0x%02x is not an audio type", type));
    };
  }

  /** The type code for audio at {@code sampleRate} (for writers: the simulator, tests). */
  public static int audioType(int sampleRate) {
    for (int type = 0x10; type <= 0x18; type++) {
      if (sampleRate(type) == sampleRate) {
        return type;
      }
    }
    throw new IllegalArgumentException("AudioSocket has no type for " + sampleRate + " Hz");
  }
}
