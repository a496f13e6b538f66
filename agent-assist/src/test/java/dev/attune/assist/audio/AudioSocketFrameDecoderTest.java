package dev.attune.assist.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attune.assist.audio.AudioSocketProtocolException.Problem;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AudioSocketFrameDecoderTest {
  private static final UUID ID = UUID.fromString("58645e6e-aa02-40bb-b4ec-8f4c12942cf6");

  @Test
  void everySplitPointYieldsTheSameFrames() {
    byte[] wire = sequence();
    List<String> whole = decode(wire, wire.length);
    assertThat(whole).containsExactly("Identity:" + ID, "Audio:8000:160:-2", "Dtmf:5", "Audio:16000:320:-2",
        "Error:1", "Hangup");
    for (int split = 1; split < wire.length; split++) {
      assertThat(decode(wire, split)).as("chunks of %d bytes", split).isEqualTo(whole);
    }
  }

  @Test
  void littleEndianSamplesKeepTheirSign() {
    byte[] frame = {0x10, 0x00, 0x04, (byte) 0x01, (byte) 0x80, (byte) 0xff, (byte) 0x7f};
    List<AudioSocketFrame> out = new ArrayList<>();
    new AudioSocketFrameDecoder().feed(frame, 0, frame.length, out::add);
    assertThat(((AudioSocketFrame.Audio) out.get(0)).samples()).containsExactly((short) -32767, (short) 32767);
  }

  @Test
  void unknownTypeIsATypedError() {
    byte[] frame = {0x42, 0x00, 0x01, 0x00};
    assertThatThrownBy(() -> new AudioSocketFrameDecoder().feed(frame, 0, frame.length, f -> { }))
        .isInstanceOf(AudioSocketProtocolException.class).hasMessageContaining("0x42")
        .extracting(e -> ((AudioSocketProtocolException) e).problem()).isEqualTo(Problem.UNKNOWN_TYPE);
  }

  @Test
  void oversizeLengthIsRejectedBeforeAnyPayloadArrives() {
    byte[] header = {0x10, (byte) 0xff, (byte) 0xff};
    assertThatThrownBy(() -> new AudioSocketFrameDecoder().feed(header, 0, header.length, f -> { }))
        .extracting(e -> ((AudioSocketProtocolException) e).problem()).isEqualTo(Problem.OVERSIZE);
  }

  @Test
  void halfAFrameIsPendingNotDelivered() {
    AudioSocketFrameDecoder decoder = new AudioSocketFrameDecoder();
    byte[] wire = AudioSocketWire.audio(new short[160]);
    List<AudioSocketFrame> out = new ArrayList<>();
    decoder.feed(wire, 0, 100, out::add);
    assertThat(out).isEmpty();
    assertThat(decoder.atFrameBoundary()).isFalse();
    assertThat(decoder.pendingBytes()).isEqualTo(100);
  }

  private static byte[] sequence() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    short[] eight = new short[160];
    eight[159] = -2;
    short[] sixteen = new short[320];
    sixteen[319] = -2;
    out.writeBytes(AudioSocketWire.identity(ID));
    out.writeBytes(AudioSocketWire.audio(eight));
    out.writeBytes(new byte[] {0x03, 0x00, 0x01, '5'});
    out.writeBytes(AudioSocketWire.frame(0x12, AudioSocketWire.le(sixteen)));
    out.writeBytes(new byte[] {(byte) 0xff, 0x00, 0x01, 0x01});
    out.writeBytes(new byte[] {0x00, 0x00, 0x00});
    return out.toByteArray();
  }

  private static List<String> decode(byte[] wire, int chunk) {
    AudioSocketFrameDecoder decoder = new AudioSocketFrameDecoder();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < wire.length; i += chunk) {
      decoder.feed(wire, i, Math.min(chunk, wire.length - i), f -> out.add(describe(f)));
    }
    return out;
  }

  private static String describe(AudioSocketFrame f) {
    if (f instanceof AudioSocketFrame.Audio a) {
      return "Audio:" + a.sampleRate() + ":" + a.samples().length + ":" + a.samples()[a.samples().length - 1];
    } else if (f instanceof AudioSocketFrame.Identity id) {
      return "Identity:" + id.uuid();
    } else if (f instanceof AudioSocketFrame.Dtmf d) {
      return "Dtmf:" + d.digit();
    } else if (f instanceof AudioSocketFrame.Error e) {
      return "Error:" + e.code();
    }
    return "Hangup";
  }
}
