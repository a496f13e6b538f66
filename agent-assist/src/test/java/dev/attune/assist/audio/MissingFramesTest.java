package dev.attune.assist.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.assist.audio.CallTimeline.Kind;
import dev.attune.core.calls.Party;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A phone that stops RTP on hold sends no frames at all (shared/audio-taps run B2: 4.02 s without a frame, the TCP
 * connection open). Frames carry no timestamps, so the gap is found from arrival times and counted as silence.
 */
class MissingFramesTest {
  private static final Path B2 = Path.of(System.getProperty("attune.project.dir"), "testdata", "audio-taps",
      "B2-hold-agent-stops-rtp");
  private static final long T0 = 1_800_000_000_000L;

  @Test
  void aGapWithoutFramesIsSilenceNotTalk() throws Exception {
    List<short[]> frames = new ArrayList<>();
    byte[] capture = Files.readAllBytes(B2.resolve("agent-tap.bin"));
    new AudioSocketFrameDecoder().feed(capture, 0, capture.length, f -> {
      if (f instanceof AudioSocketFrame.Audio a) {
        frames.add(a.samples());
      }
    });
    List<long[]> talk = new ArrayList<>();
    CallSpeech call = new CallSpeech("pbx:b2", T0, (kind, party, start, end) -> {
      if (kind == Kind.TALK) {
        talk.add(new long[] {start - T0, end - T0});
      }
    });
    call.attach(Party.AGENT);
    long gapStart = 5_000;
    long gapMillis = 4_020;
    for (int i = 0; i < frames.size(); i++) {
      long sent = (i + 1) * 20L;
      long arrival = T0 + (sent > gapStart ? sent + gapMillis : sent); // the phone paused: frames resume later
      call.audio(Party.AGENT, frames.get(i), 8_000, arrival);
      if (i % 50 == 0) {
        call.features(arrival);
      }
    }
    call.features(T0 + frames.size() * 20L + gapMillis + 1_000);

    assertThat(talk).as("talk intervals %s", talk.stream().map(Arrays::toString).toList())
        .noneMatch(t -> t[0] < gapStart + 200 && t[1] > gapStart + gapMillis - 200);
    assertThat(talk).as("after the gap, turns are placed on the wall clock").anyMatch(t -> t[0] > gapStart + gapMillis);
    long talked = talk.stream().mapToLong(t -> t[1] - t[0]).sum();
    assertThat(call.timeline().talkMillis(Party.AGENT)).isEqualTo(talked).isLessThan(frames.size() * 20L);
  }
}
