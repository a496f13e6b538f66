package dev.attune.assist.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.attune.assist.audio.AudioSocketProtocolException.Problem;
import dev.attune.core.calls.AudioTap;
import dev.attune.core.calls.Party;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.net.SourceGate;
import dev.attune.core.testing.Fuzz;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fuzz: mutated AudioSocket streams (a UUID, audio at every rate, DTMF, a hangup), to the decoder and over TCP to
 * the server. The decoder gives the same frames and the same error however TCP splits the bytes, and throws nothing
 * but a protocol error; the server counts a broken stream exactly once, a stream that ended well not at all, and
 * still takes a clean stream whole after all of them.
 */
class AudioSocketFuzzTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Map<UUID, AudioTap> registered = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> samples = new ConcurrentHashMap<>();
  private final Set<String> closed = ConcurrentHashMap.newKeySet();
  private Vertx vertx;
  private AudioSocketServer server;

  @AfterEach
  void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theDecoderGivesTheSameFramesAndErrorHoweverTheBytesAreSplit() {
    Fuzz fuzz = Fuzz.forSurface("audiosocket-decoder");
    int broken = 0;
    for (int n = 0; n < Fuzz.cases(); n++) {
      byte[] bytes = fuzz.mutate(stream(fuzz, new UUID(fuzz.random().nextLong(), fuzz.random().nextLong())));
      Outcome whole = decode(fuzz, n, bytes, new int[] {bytes.length});
      Outcome split = decode(fuzz, n, bytes, randomSplit(fuzz, bytes.length));
      assertThat(split).as(fuzz.describe(n)).isEqualTo(whole);
      if (whole.problem() != null) {
        broken++;
      }
    }
    assertThat(broken).as("mutations that break the protocol").isPositive().isLessThan(Fuzz.cases());
  }

  @Test
  void theServerCountsEachBrokenStreamOnceAndTakesACleanOneAfterThem() throws Exception {
    int port = startServer();
    Fuzz fuzz = Fuzz.forSurface("audiosocket-server");
    int cases = Math.max(1, Fuzz.cases() / 2);
    int counted = 0;
    for (int n = 0; n < cases; n++) {
      UUID uuid = register(new UUID(fuzz.random().nextLong(), fuzz.random().nextLong()));
      byte[] bytes = fuzz.mutate(stream(fuzz, uuid));
      Set<Double> allowed = expectedBadStreams(bytes);
      double before = badStreams();
      sendAndWaitForClose(fuzz, n, port, bytes);
      probe(fuzz, n, port);
      double delta = badStreams() - before;
      assertThat(delta).as(fuzz.describe(n) + ": bad streams counted for " + decode(fuzz, n, bytes,
          new int[] {bytes.length}) + " of " + bytes.length + " bytes").isIn(allowed.toArray());
      counted += (int) delta;
    }
    assertThat(counted).as("broken streams counted").isPositive().isLessThan(cases);

    UUID clean = register(UUID.randomUUID());
    ByteArrayOutputStream good = new ByteArrayOutputStream();
    good.write(AudioSocketWire.identity(clean));
    for (int i = 0; i < 50; i++) {
      good.write(AudioSocketWire.audio(new short[160]));
    }
    good.write(AudioSocketWire.frame(0x00, new byte[0]));
    double before = badStreams();
    sendAndWaitForClose(fuzz, -1, port, good.toByteArray());
    assertThat(samples.get(clean.toString()).get()).isEqualTo(50 * 160);
    assertThat(badStreams()).isEqualTo(before);
  }

  /** A stream as Asterisk sends it: the UUID, audio frames (10 to 40 ms at a rate), sometimes DTMF, a hangup. */
  private static byte[] stream(Fuzz fuzz, UUID uuid) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(AudioSocketWire.identity(uuid));
    int type = 0x10 + fuzz.nextInt(9);
    int perFrame = AudioSocketFrameDecoder.sampleRate(type) / 100 * (1 + fuzz.nextInt(4));
    for (int i = 1 + fuzz.nextInt(8); i > 0; i--) {
      short[] pcm = new short[Math.min(perFrame, AudioSocketFrameDecoder.MAX_PAYLOAD / 2)];
      for (int s = 0; s < pcm.length; s++) {
        pcm[s] = (short) fuzz.nextInt(65536);
      }
      out.writeBytes(AudioSocketWire.frame(type, AudioSocketWire.le(pcm)));
      if (fuzz.chance(0.1)) {
        out.writeBytes(AudioSocketWire.frame(0x03, new byte[] {(byte) "0123456789*#".charAt(fuzz.nextInt(12))}));
      }
    }
    out.writeBytes(AudioSocketWire.frame(0x00, new byte[0]));
    return out.toByteArray();
  }

  /** What decoding gave: a description of each frame, the problem it stopped at, and whether it ended mid-frame. */
  private record Outcome(List<String> frames, Problem problem, boolean midFrame) {}

  private static Outcome decode(Fuzz fuzz, int n, byte[] bytes, int[] chunks) {
    AudioSocketFrameDecoder decoder = new AudioSocketFrameDecoder();
    List<String> frames = new ArrayList<>();
    int offset = 0;
    try {
      for (int chunk : chunks) {
        decoder.feed(bytes, offset, chunk, f -> frames.add(describe(f)));
        offset += chunk;
        assertThat(decoder.pendingBytes()).as(fuzz.describe(n) + ": bytes held")
            .isLessThanOrEqualTo(3 + AudioSocketFrameDecoder.MAX_PAYLOAD);
      }
    } catch (AudioSocketProtocolException e) {
      return new Outcome(frames, e.problem(), false);
    } catch (RuntimeException e) {
      fail(fuzz.describe(n) + ": the decoder threw " + e + " instead of a protocol error", e);
    }
    return new Outcome(frames, null, !decoder.atFrameBoundary());
  }

  private static String describe(AudioSocketFrame frame) {
    return frame instanceof AudioSocketFrame.Audio a ? "audio " + a.sampleRate() + " " + Arrays.hashCode(a.samples())
        + "/" + a.samples().length : frame.toString();
  }

  private static int[] randomSplit(Fuzz fuzz, int length) {
    List<Integer> chunks = new ArrayList<>();
    for (int left = length; left > 0; ) {
      int chunk = Math.min(left, 1 + fuzz.nextInt(fuzz.chance(0.5) ? 4 : 700));
      chunks.add(chunk);
      left -= chunk;
    }
    return chunks.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * How many bad streams the server may count for these bytes: one for a stream that breaks the protocol, starts
   * with anything but a UUID, names a UUID nobody registered or stops mid-frame; none for one that ends with a hangup
   * or error frame (whatever follows it) or at a frame boundary. The answer never depends on how TCP split the bytes.
   */
  private Set<Double> expectedBadStreams(byte[] bytes) {
    AudioSocketFrameDecoder decoder = new AudioSocketFrameDecoder();
    List<AudioSocketFrame> frames = new ArrayList<>();
    boolean threw = false;
    try {
      decoder.feed(bytes, 0, bytes.length, frames::add);
    } catch (AudioSocketProtocolException e) {
      threw = true;
    }
    if (frames.isEmpty()) {
      return Set.of(threw || !decoder.atFrameBoundary() ? 1.0 : 0.0);
    }
    if (!(frames.get(0) instanceof AudioSocketFrame.Identity id)) {
      return Set.of(1.0);
    }
    if (!registered.containsKey(id.uuid())) {
      return Set.of(1.0);
    }
    for (AudioSocketFrame frame : frames.subList(1, frames.size())) {
      if (frame instanceof AudioSocketFrame.Hangup || frame instanceof AudioSocketFrame.Error) {
        return Set.of(0.0);
      }
      if (frame instanceof AudioSocketFrame.Identity) {
        return Set.of(1.0);
      }
    }
    return Set.of(threw || !decoder.atFrameBoundary() ? 1.0 : 0.0);
  }

  private static void sendAndWaitForClose(Fuzz fuzz, int n, int port, byte[] bytes) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      try {
        socket.getOutputStream().write(bytes);
        socket.shutdownOutput();
      } catch (IOException closedEarly) {
        // the server may close a broken stream before it has all the bytes
      }
      try {
        while (socket.getInputStream().read() != -1) {
          // the server sends nothing; wait for it to close
        }
      } catch (java.net.SocketTimeoutException e) {
        fail(fuzz.describe(n) + ": the server did not close the stream within 10 s");
      } catch (IOException reset) {
        // closed with our bytes unread: a reset instead of an orderly close
      }
    }
  }

  /**
   * A clean stream after a case, waited for until the server has closed it: the server handles its connections in
   * order on one event loop, so by then it has also finished with the case's stream, whose close the client may see
   * before the server's handler has run.
   */
  private void probe(Fuzz fuzz, int n, int port) throws Exception {
    UUID uuid = register(UUID.randomUUID());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(AudioSocketWire.identity(uuid));
    out.writeBytes(AudioSocketWire.audio(new short[160]));
    out.writeBytes(AudioSocketWire.frame(0x00, new byte[0]));
    sendAndWaitForClose(fuzz, n, port, out.toByteArray());
    dev.attune.core.testing.Eventually.until(fuzz.describe(n) + ": the probe stream after it",
        java.time.Duration.ofSeconds(10), () -> closed.contains(uuid.toString()));
  }

  private int startServer() throws Exception {
    vertx = Vertx.vertx();
    TapDirectory directory = uuid -> Future.succeededFuture(registered.get(uuid));
    PartyStreams streams = tap -> {
      AtomicLong got = samples.computeIfAbsent(tap.uuid(), k -> new AtomicLong());
      return new PartyStreams.PartyStream() {
        @Override
        public void audio(AudioSocketFrame.Audio frame, long arrivalMillis) {
          got.addAndGet(frame.samples().length);
        }

        @Override
        public void closed() {
          closed.add(tap.uuid());
        }
      };
    };
    server = new AudioSocketServer(vertx, "127.0.0.1", 0, new SourceGate("audiosocket.allowFrom",
        List.of("127.0.0.1", "::1"), registry), directory, streams, registry, System::currentTimeMillis);
    return server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private UUID register(UUID uuid) {
    registered.put(uuid, new AudioTap(uuid.toString(), "pbx:1.0", Party.AGENT, "agent1", "1.1"));
    return uuid;
  }

  private double badStreams() {
    return registry.find(MetricNames.AUDIO_BAD_STREAMS).counters().stream().mapToDouble(Counter::count).sum();
  }
}
