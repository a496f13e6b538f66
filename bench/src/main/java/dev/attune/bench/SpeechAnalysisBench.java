package dev.attune.bench;

import dev.attune.assist.audio.AudioSocketFrame;
import dev.attune.assist.audio.AudioSocketFrameDecoder;
import dev.attune.assist.audio.CallSpeech;
import dev.attune.assist.audio.CallTimeline;
import dev.attune.core.calls.Party;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many party streams one core analyses in real time, and the bytes each stream holds. Both sides decode the
 * same AudioSocket bytes (the real Asterisk captures in testdata/audio-taps, looped with a different offset per
 * stream) in 20 ms frames on one thread: ours runs the full per-call analysis ({@link CallSpeech}: VAD, loudness,
 * pitch, syllable nuclei, the two-party timeline, a features snapshot every second), the baseline only an RMS level.
 * Real-time streams per core = streams × audio seconds ÷ CPU seconds of the thread.
 *
 * <p>Run from the repository root: {@code mvn -B -q -pl bench -am package -DskipTests && java -cp
 * bench/target/attune-bench.jar dev.attune.bench.SpeechAnalysisBench [streams] [audioSeconds]}
 */
public final class SpeechAnalysisBench {
  private static final Path TAPS = Path.of("testdata", "audio-taps", "G-recommended-uniqueid-qoESu");

  private SpeechAnalysisBench() {}

  public static void main(String[] args) throws Exception {
    int streams = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    List<byte[]> agent = frames(Files.readAllBytes(TAPS.resolve("agent-tap.bin")));
    List<byte[]> customer = frames(Files.readAllBytes(TAPS.resolve("customer-tap.bin")));

    run(true, 100, 5, agent, customer);   // warm-up of both paths
    run(false, 100, 5, agent, customer);
    double bare = run(false, streams, seconds, agent, customer);
    double ours = run(true, streams, seconds, agent, customer);
    long bytes = bytesPerStream(agent, customer);
    System.out.printf(Locale.ROOT, "streams %d x %d s audio on one thread%n", streams, seconds);
    System.out.printf(Locale.ROOT, "  baseline (decode + RMS only):   %.0f real-time streams per core%n", bare);
    System.out.printf(Locale.ROOT, "  ours (decode + full analysis):  %.0f real-time streams per core%n", ours);
    System.out.printf(Locale.ROOT, "  held per stream (analysis state, heap delta over 4000 streams): %d bytes%n", bytes);
    System.out.printf(Locale.ROOT, "{\"bench\":\"speech-analysis\",\"streams\":%d,\"audioSeconds\":%d,"
        + "\"realtimeStreamsPerCore\":%.0f,\"baselineRmsStreamsPerCore\":%.0f,\"bytesPerStream\":%d,"
        + "\"goalStreamsPerCore\":1000,\"goalBytesPerStream\":65536}%n", streams, seconds, ours, bare, bytes);
  }

  /** @return real-time streams per core */
  private static double run(boolean full, int streams, int seconds, List<byte[]> agent, List<byte[]> customer) {
    int calls = streams / 2;
    CallSpeech[] speech = new CallSpeech[calls];
    AudioSocketFrameDecoder[] decoders = new AudioSocketFrameDecoder[streams];
    double[] rms = new double[streams];
    long t0 = 1_800_000_000_000L;
    for (int c = 0; c < calls; c++) {
      speech[c] = new CallSpeech("pbx:" + c, t0, CallTimeline.IntervalSink.NONE);
      speech[c].attach(Party.AGENT);
      speech[c].attach(Party.CUSTOMER);
    }
    for (int s = 0; s < streams; s++) {
      decoders[s] = new AudioSocketFrameDecoder();
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long start = cpu.getCurrentThreadCpuTime();
    int frames = seconds * 50;
    for (int f = 0; f < frames; f++) {
      long arrival = t0 + (f + 1) * 20L;
      for (int s = 0; s < calls * 2; s++) {
        int call = s / 2;
        Party party = (s & 1) == 0 ? Party.AGENT : Party.CUSTOMER;
        List<byte[]> clip = party == Party.AGENT ? agent : customer;
        byte[] wire = clip.get((f + call * 37) % clip.size());
        final int stream = s;
        decoders[s].feed(wire, 0, wire.length, frame -> {
          short[] samples = ((AudioSocketFrame.Audio) frame).samples();
          if (full) {
            speech[call].audio(party, samples, 8_000, arrival);
          } else {
            double sum = 0;
            for (short x : samples) {
              sum += (double) x * x;
            }
            rms[stream] = Math.sqrt(sum / samples.length);
          }
        });
      }
      if (full && f % 50 == 49) {
        for (CallSpeech c : speech) {
          c.features(arrival);
        }
      }
    }
    double cpuSeconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
    return calls * 2.0 * seconds / cpuSeconds;
  }

  /** Heap held by many fed streams, divided by their number (per-call state split over its two streams). */
  private static long bytesPerStream(List<byte[]> agent, List<byte[]> customer) throws InterruptedException {
    int calls = 2_000;
    long before = usedAfterGc();
    List<Object> keep = new ArrayList<>();
    for (int c = 0; c < calls; c++) {
      CallSpeech call = new CallSpeech("pbx:" + c, 0, CallTimeline.IntervalSink.NONE);
      call.attach(Party.AGENT);
      call.attach(Party.CUSTOMER);
      AudioSocketFrameDecoder a = new AudioSocketFrameDecoder();
      AudioSocketFrameDecoder b = new AudioSocketFrameDecoder();
      for (int f = 0; f < 100; f++) {
        long arrival = (f + 1) * 20L;
        byte[] wa = agent.get(f);
        byte[] wc = customer.get(f);
        a.feed(wa, 0, wa.length, fr -> call.audio(Party.AGENT, ((AudioSocketFrame.Audio) fr).samples(), 8_000, arrival));
        b.feed(wc, 0, wc.length, fr -> call.audio(Party.CUSTOMER, ((AudioSocketFrame.Audio) fr).samples(), 8_000,
            arrival));
      }
      call.features(100 * 20L);
      keep.add(call);
      keep.add(a);
      keep.add(b);
    }
    long after = usedAfterGc();
    if (keep.size() != calls * 3) {
      throw new IllegalStateException("streams were collected");
    }
    return (after - before) / (calls * 2L);
  }

  private static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100); // let the collector finish; this is measurement hygiene, not synchronisation
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** Splits a capture into its wire frames (UUID frame dropped), so each stream decodes real bytes. */
  private static List<byte[]> frames(byte[] capture) {
    List<byte[]> out = new ArrayList<>();
    int pos = 0;
    while (pos + 3 <= capture.length) {
      int length = ((capture[pos + 1] & 0xFF) << 8) | (capture[pos + 2] & 0xFF);
      if (capture[pos] == 0x10) {
        out.add(java.util.Arrays.copyOfRange(capture, pos, pos + 3 + length));
      }
      pos += 3 + length;
    }
    return out;
  }
}
