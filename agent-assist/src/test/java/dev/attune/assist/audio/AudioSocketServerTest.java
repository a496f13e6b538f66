package dev.attune.assist.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.calls.AudioTap;
import dev.attune.core.calls.Party;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.net.SourceGate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AudioSocketServerTest {
  private static final Path TAPS = Path.of(System.getProperty("attune.project.dir"), "testdata", "audio-taps");
  private static final UUID CAPTURED_AGENT = UUID.fromString("58645e6e-aa02-40bb-b4ec-8f4c12942cf6");

  private final Map<UUID, AudioTap> registered = new ConcurrentHashMap<>();
  private final Map<String, Received> received = new ConcurrentHashMap<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Vertx vertx;
  private AudioSocketServer server;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    TapDirectory directory = uuid -> Future.succeededFuture(registered.get(uuid));
    PartyStreams streams = tap -> {
      Received r = received.computeIfAbsent(tap.uuid(), k -> new Received());
      return new PartyStreams.PartyStream() {
        @Override
        public void audio(AudioSocketFrame.Audio frame, long arrivalMillis) {
          r.samples.addAndGet(frame.samples().length);
        }

        @Override
        public void closed() {
          r.closed.set(true);
        }
      };
    };
    server = new AudioSocketServer(vertx, "127.0.0.1", 0, new SourceGate("audiosocket.allowFrom",
        List.of("127.0.0.1", "::1"), registry), directory, streams, registry, System::currentTimeMillis);
    port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    this.directory = directory;
    this.streams = streams;
  }

  private TapDirectory directory;
  private PartyStreams streams;

  @Test
  void aHostNotInAllowFromIsClosedBeforeItsAudioIsReadAndCounted() throws Exception {
    AudioSocketServer guarded = new AudioSocketServer(vertx, "127.0.0.1", 0, new SourceGate("audiosocket.allowFrom",
        List.of("10.9.9.9"), registry), directory, streams, registry, System::currentTimeMillis);
    int guardedPort = guarded.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    UUID tap = register(UUID.randomUUID());
    try (Socket socket = new Socket("127.0.0.1", guardedPort)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(AudioSocketWire.identity(tap));
      assertThat(readUntilClosed(socket.getInputStream())).isEqualTo(-1);
    }
    assertThat(registry.get(MetricNames.CONNECTIONS_REFUSED).tag("port", "audiosocket").counter().count()).isEqualTo(1);
    assertThat(received).isEmpty();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void realCaptureSplitIntoRandomReadsDeliversEverySample() throws Exception {
    byte[] capture = Files.readAllBytes(TAPS.resolve("G-recommended-uniqueid-qoESu").resolve("agent-tap.bin"));
    register(CAPTURED_AGENT);
    int frames = (capture.length - 19) / 323;
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      Random random = new Random(7);
      for (int i = 0; i < capture.length; ) {
        int n = Math.min(1 + random.nextInt(400), capture.length - i);
        out.write(capture, i, n);
        out.flush();
        i += n;
      }
      await(() -> got(CAPTURED_AGENT).samples.get() == frames * 160);
    }
    await(() -> got(CAPTURED_AGENT).closed.get());
    assertThat(got(CAPTURED_AGENT).samples.get()).isEqualTo(frames * 160);
    assertThat(badStreams()).isZero();
  }

  @Test
  void severalFramesInOneWriteAreAllDecodedAndHangupEndsTheStream() throws Exception {
    UUID id = register(UUID.randomUUID());
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(AudioSocketWire.identity(id));
    for (int i = 0; i < 10; i++) {
      wire.writeBytes(AudioSocketWire.audio(new short[160]));
    }
    wire.writeBytes(new byte[] {0, 0, 0});
    try (Socket socket = connect()) {
      socket.getOutputStream().write(wire.toByteArray());
      await(() -> got(id).closed.get());
      assertThat(socket.getInputStream().read()).as("server closed the socket").isEqualTo(-1);
    }
    assertThat(got(id).samples.get()).isEqualTo(1600);
  }

  @Test
  void unknownTypeClosesThatStreamOnlyAndIsCounted() throws Exception {
    UUID good = register(UUID.randomUUID());
    UUID bad = register(UUID.randomUUID());
    try (Socket goodSocket = connect(); Socket badSocket = connect()) {
      goodSocket.getOutputStream().write(AudioSocketWire.identity(good));
      goodSocket.getOutputStream().write(AudioSocketWire.audio(new short[160]));
      badSocket.getOutputStream().write(AudioSocketWire.identity(bad));
      badSocket.getOutputStream().write(new byte[] {0x42, 0x00, 0x02, 0x01, 0x02});
      assertThat(readUntilClosed(badSocket.getInputStream())).isEqualTo(-1);
      assertThat(badStreams("unknown_type")).isEqualTo(1.0);
      goodSocket.getOutputStream().write(AudioSocketWire.audio(new short[160]));
      await(() -> got(good).samples.get() == 320);
      assertThat(got(good).closed.get()).isFalse();
      Received badStream = received.get(bad.toString());
      assertThat(badStream == null || badStream.closed.get())
          .as("the bad stream was never handed on, or was closed").isTrue();
    }
  }

  @Test
  void oversizeLengthClosesTheStreamWithoutWaitingForThePayload() throws Exception {
    UUID id = register(UUID.randomUUID());
    try (Socket socket = connect()) {
      socket.getOutputStream().write(AudioSocketWire.identity(id));
      socket.getOutputStream().write(new byte[] {0x10, (byte) 0xff, (byte) 0xf0});
      assertThat(readUntilClosed(socket.getInputStream())).isEqualTo(-1);
    }
    assertThat(badStreams("oversize")).isEqualTo(1.0);
  }

  @Test
  void peerVanishingMidFrameEndsTheStreamAndTheServerKeepsServing() throws Exception {
    UUID first = register(UUID.randomUUID());
    try (Socket socket = connect()) {
      socket.getOutputStream().write(AudioSocketWire.identity(first));
      socket.getOutputStream().write(AudioSocketWire.audio(new short[160]));
      byte[] half = AudioSocketWire.audio(new short[160]);
      socket.getOutputStream().write(half, 0, 150);
      await(() -> received.containsKey(first.toString()) && got(first).samples.get() == 160);
    }
    await(() -> got(first).closed.get());
    assertThat(badStreams("truncated")).isEqualTo(1.0);

    UUID second = register(UUID.randomUUID());
    try (Socket socket = connect()) {
      socket.getOutputStream().write(AudioSocketWire.identity(second));
      socket.getOutputStream().write(AudioSocketWire.audio(new short[160]));
      await(() -> received.containsKey(second.toString()) && got(second).samples.get() == 160);
    }
  }

  @Test
  void streamWithAnUnregisteredUuidIsClosed() throws Exception {
    try (Socket socket = connect()) {
      socket.getOutputStream().write(AudioSocketWire.identity(UUID.randomUUID()));
      socket.getOutputStream().write(AudioSocketWire.audio(new short[160]));
      assertThat(readUntilClosed(socket.getInputStream())).isEqualTo(-1);
    }
    assertThat(badStreams("unknown_tap")).isEqualTo(1.0);
    assertThat(received).isEmpty();
  }

  @Test
  void audioBeforeTheUuidIsAProtocolError() throws Exception {
    try (Socket socket = connect()) {
      socket.getOutputStream().write(AudioSocketWire.audio(new short[160]));
      assertThat(readUntilClosed(socket.getInputStream())).isEqualTo(-1);
    }
    assertThat(badStreams("no_identity_first")).isEqualTo(1.0);
  }

  private UUID register(UUID uuid) {
    registered.put(uuid, new AudioTap(uuid.toString(), "pbx:1.0", Party.AGENT, "agent1", "1.1"));
    return uuid;
  }

  private Received got(UUID uuid) {
    Received r = received.get(uuid.toString());
    return r == null ? new Received() : r;
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static int readUntilClosed(InputStream in) throws IOException {
    int b;
    while ((b = in.read()) != -1) {
      // the server sends nothing back; anything read here is ignored until EOF
    }
    return b;
  }

  private double badStreams() {
    return registry.find(MetricNames.AUDIO_BAD_STREAMS).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private double badStreams(String problem) {
    var counter = registry.find(MetricNames.AUDIO_BAD_STREAMS).tag("problem", problem).counter();
    return counter == null ? 0 : counter.count();
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    dev.attune.core.testing.Eventually.until("the condition", java.time.Duration.ofSeconds(10), condition);
  }


  private static final class Received {
    final AtomicInteger samples = new AtomicInteger();
    final AtomicBoolean closed = new AtomicBoolean();
  }
}
