package dev.attune.assist.transcripts;

import dev.attune.core.bus.Bus;
import dev.attune.core.bus.HeardSegment;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.bus.Addresses;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.calls.Party;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.MapNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Party audio to a speech recognizer speaking the Vosk server's WebSocket protocol (config text first, binary PCM,
 * one answer per message, the exact {@code {"eof" : 1}} text for the final result), and what it hears back as
 * transcript segments of the call. The server here answers from a script; the protocol is the real one.
 */
class SpeechRecognizerTest {
  private static final String CALL = "pbx:5000.1";
  private static final int FRAME = 320; // 20 ms of 8 kHz 16-bit mono, as AudioSocket delivers it

  private final Vertx vertx = Vertx.vertx();
  private HazelcastInstance hazelcast;
  private TranscriptIntake intake;
  private final Queue<HeardSegment> heard = new ConcurrentLinkedQueue<>();

  /** What the fake Vosk server received, in order: text messages as they are, binary ones as "bytes:N". */
  private final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    hazelcast = HazelcastNode.start(HazelcastNode.config(new AttuneConfig.Cluster("asr-" + UUID.randomUUID(),
        "127.0.0.1", freePort(), List.of()), c -> { }));
    Instant now = Instant.now();
    hazelcast.getMap(MapNames.LIVE_CALLS).put(CALL, new LiveCall(CALL, "5000.1", "+15550123", "Caller", Direction.INBOUND,
        "support", "PJSIP/agent101", CallState.ANSWERED, now, now, now, null, 0, 0, 0, now));
    intake = new TranscriptIntake(vertx, hazelcast, new SimpleMeterRegistry(), Clock.systemUTC());
    Bus.start(vertx).await(5, TimeUnit.SECONDS);
    Bus.listen(vertx, Addresses.TRANSCRIPTS, HeardSegment.class, heard::add).completion().await(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    Hazelcast.shutdownAll();
  }

  private HttpServer voskServer(Deque<String> answers, String finalAnswer) throws Exception {
    return vertx.createHttpServer().webSocketHandler(ws -> {
      ws.textMessageHandler(text -> {
        received.add(text);
        if (text.equals("{\"eof\" : 1}")) {
          ws.writeTextMessage(finalAnswer).onComplete(v -> ws.close());
        }
      });
      ws.binaryMessageHandler(bytes -> {
        received.add("bytes:" + bytes.length());
        ws.writeTextMessage(answers.isEmpty() ? "{\"partial\" : \"\"}" : answers.poll());
      });
    }).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
  }

  @Test
  void partyAudioIsStreamedInTheVoskProtocolAndWhatItHearsBecomesSegmentsOfTheCall() throws Exception {
    Deque<String> answers = new ArrayDeque<>(List.of(
        "{\"partial\" : \"i will\"}",
        "{\"partial\" : \"i will\"}",
        "{\"result\" : [{\"word\": \"i\", \"start\": 0.12, \"end\": 0.3, \"conf\": 1}, "
            + "{\"word\": \"will\", \"start\": 0.3, \"end\": 0.6, \"conf\": 1}, "
            + "{\"word\": \"call\", \"start\": 0.6, \"end\": 0.9, \"conf\": 0.9}, "
            + "{\"word\": \"you\", \"start\": 0.9, \"end\": 1.1, \"conf\": 1}, "
            + "{\"word\": \"back\", \"start\": 1.1, \"end\": 1.5, \"conf\": 1}], \"text\" : \"i will call you back\"}"));
    HttpServer server = voskServer(answers,
        "{\"result\" : [{\"word\": \"你\", \"start\": 2.0, \"end\": 2.2, \"conf\": 1}, "
            + "{\"word\": \"好\", \"start\": 2.2, \"end\": 2.5, \"conf\": 1}], \"text\" : \"你 好 吗\"}");
    SpeechRecognizer recognizer = new SpeechRecognizer(vertx, "ws://127.0.0.1:" + server.actualPort() + "/", intake);

    SpeechRecognizer.Stream stream = onContext(() -> recognizer.start(CALL, Party.CUSTOMER, 8000, "en"));
    for (int i = 0; i < 50; i++) { // one second of audio in AudioSocket's 20 ms frames
      Buffer frame = Buffer.buffer(new byte[FRAME]);
      vertx.runOnContext(v -> stream.audio(frame));
    }
    onContext(stream::close).await(10, TimeUnit.SECONDS);
    await(() -> heard.size() >= 3);

    assertThat(received.get(0)).isEqualTo("{\"config\":{\"sample_rate\":8000,\"words\":1}}");
    assertThat(received.subList(1, received.size() - 1)).containsOnly("bytes:3200").hasSize(5);
    assertThat(received.get(received.size() - 1)).isEqualTo("{\"eof\" : 1}");

    List<HeardSegment> segments = List.copyOf(heard);
    assertThat(segments).extracting(h -> h.segment().text()).containsExactly("i will", "i will call you back", "你好吗");
    assertThat(segments).extracting(h -> h.segment().isFinal()).containsExactly(false, true, true);
    assertThat(segments).allSatisfy(h -> {
      assertThat(h.segment().callId()).isEqualTo(CALL);
      assertThat(h.segment().party()).isEqualTo(Party.CUSTOMER);
      assertThat(h.agent()).isEqualTo("PJSIP/agent101");
    });
    assertThat(segments.get(1).segment().startMs()).isEqualTo(120);
    assertThat(segments.get(1).segment().endMs()).isEqualTo(1500);
    assertThat(segments.get(2).segment().startMs()).isEqualTo(2000);
  }

  @Test
  void anUnreachableRecognizerCostsTheTranscriptButNeverTheStream() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    SpeechRecognizer recognizer = new SpeechRecognizer(vertx, "ws://127.0.0.1:" + closed + "/", intake);
    SpeechRecognizer.Stream stream = onContext(() -> recognizer.start(CALL, Party.AGENT, 8000, null));
    for (int i = 0; i < 20; i++) {
      Buffer frame = Buffer.buffer(new byte[FRAME]);
      vertx.runOnContext(v -> stream.audio(frame));
    }
    onContext(stream::close).await(10, TimeUnit.SECONDS);
    assertThat(heard).isEmpty();
  }

  @Test
  void withNoUrlConfiguredNothingIsSent() throws Exception {
    SpeechRecognizer off = new SpeechRecognizer(vertx, "", intake);
    assertThat(off.enabled()).isFalse();
    SpeechRecognizer.Stream stream = off.start(CALL, Party.AGENT, 8000, "en");
    stream.audio(Buffer.buffer(new byte[FRAME]));
    assertThat(stream.close().await(1, TimeUnit.SECONDS)).isNull();
  }

  private static final FunAsrStream.Timeouts QUICK = new FunAsrStream.Timeouts(Duration.ofMillis(500),
      Duration.ofMillis(500), Duration.ofMillis(100));
  private static final String WAV = CALL + "/customer";

  @Test
  void funAsrGetsItsConfigAndPcmAndItsPiecesBecomeTheSentenceSoFarAndItsCorrectionTheFinal() throws Exception {
    FakeFunAsrServer server = FakeFunAsrServer.scripted(vertx, -1, List.of(List.of(
        new FakeFunAsrServer.Scripted(3200, FakeFunAsrServer.online("我马上", WAV)),
        new FakeFunAsrServer.Scripted(6400, FakeFunAsrServer.online("帮您催办", WAV)),
        new FakeFunAsrServer.Scripted(9600, FakeFunAsrServer.offline("我马上帮您催办。", WAV, 30, 420, false)),
        new FakeFunAsrServer.Scripted(16000, FakeFunAsrServer.online("明天下午", WAV)),
        new FakeFunAsrServer.Scripted(19200, FakeFunAsrServer.online("三点前给您回电", WAV)),
        new FakeFunAsrServer.Scripted(-1, FakeFunAsrServer.offline("明天下午三点前给您回电。", WAV, 900, 1300, true)))));
    SpeechRecognizer recognizer = new SpeechRecognizer(vertx, server.url(), SpeechRecognizer.Protocol.FUNASR, QUICK,
        intake);
    SpeechRecognizer.Stream stream = onContext(() -> recognizer.start(CALL, Party.CUSTOMER, 8000, "zh"));
    await(() -> server.received.size() == 1 && !server.received.get(0).isEmpty()); // the config: audio goes out
    feed(stream, 100); // two seconds

    onContext(stream::close).await(10, TimeUnit.SECONDS);
    await(() -> heard.stream().filter(h -> h.segment().isFinal()).count() == 2);
    await(() -> server.closes.get() == 1);

    List<String> session = server.received.get(0);
    JsonObject config = new JsonObject(session.get(0));
    assertThat(config.getString("mode")).isEqualTo("2pass");
    assertThat(config.getString("wav_format")).isEqualTo("pcm");
    assertThat(config.getInteger("audio_fs")).isEqualTo(8000);
    assertThat(config.getBoolean("is_speaking")).isTrue();
    assertThat(config.getJsonArray("chunk_size")).containsExactly(5, 10, 5);
    assertThat(config.getString("wav_name")).isEqualTo(WAV);
    assertThat(session.subList(1, session.size() - 1)).containsOnly("bytes:1600").hasSize(20);
    assertThat(new JsonObject(session.get(session.size() - 1))).isEqualTo(new JsonObject().put("is_speaking", false));

    List<HeardSegment> segments = List.copyOf(heard);
    assertThat(segments).extracting(h -> h.segment().text()).containsExactly("我马上", "我马上帮您催办",
        "我马上帮您催办。", "明天下午", "明天下午三点前给您回电", "明天下午三点前给您回电。");
    assertThat(segments).extracting(h -> h.segment().isFinal()).containsExactly(false, false, true, false, false, true);
    assertThat(segments.get(2).segment().startMs()).isEqualTo(30);
    assertThat(segments.get(2).segment().endMs()).isEqualTo(420);
    assertThat(segments.get(5).segment().startMs()).isEqualTo(900);
    assertThat(segments.get(5).segment().endMs()).isEqualTo(1300);
    assertThat(segments).allSatisfy(h -> assertThat(h.segment().party()).isEqualTo(Party.CUSTOMER));
  }

  @Test
  void aFunAsrServerThatDropsTheStreamIsReconnectedAndTimesStayThoseOfTheWholeCall() throws Exception {
    FakeFunAsrServer server = FakeFunAsrServer.scripted(vertx, 8000, List.of(
        List.of(new FakeFunAsrServer.Scripted(3200, FakeFunAsrServer.online("第一句", WAV)),
            new FakeFunAsrServer.Scripted(6400, FakeFunAsrServer.offline("第一句。", WAV, 0, 400, false))),
        List.of(new FakeFunAsrServer.Scripted(3200, FakeFunAsrServer.online("第二句", WAV)),
            new FakeFunAsrServer.Scripted(-1, FakeFunAsrServer.offline("第二句。", WAV, 100, 300, true)))));
    SpeechRecognizer recognizer = new SpeechRecognizer(vertx, server.url(), SpeechRecognizer.Protocol.FUNASR, QUICK,
        intake);
    SpeechRecognizer.Stream stream = onContext(() -> recognizer.start(CALL, Party.CUSTOMER, 8000, "zh"));
    await(() -> server.received.size() == 1 && !server.received.get(0).isEmpty());
    // audio in real time (a frame each 20 ms), as a call sends it, until the second session has heard 400 ms
    long timer = vertx.setPeriodic(20, id -> stream.audio(Buffer.buffer(new byte[FRAME])));
    await(() -> server.bytesOfSession(1) >= 6400);
    vertx.cancelTimer(timer);
    onContext(stream::close).await(10, TimeUnit.SECONDS);
    await(() -> heard.stream().filter(h -> h.segment().isFinal()).count() == 2);

    assertThat(server.received).hasSize(2);
    assertThat(new JsonObject(server.received.get(1).get(0)).getString("mode")).as("a new session's config")
        .isEqualTo("2pass");
    List<HeardSegment> finals = heard.stream().filter(h -> h.segment().isFinal()).toList();
    assertThat(finals).extracting(h -> h.segment().text()).containsExactly("第一句。", "第二句。");
    assertThat(finals.get(0).segment().startMs()).isZero();
    // the second session began after the first one's 500 ms and the reconnect: its times are shifted by that
    assertThat(finals.get(1).segment().startMs()).isGreaterThanOrEqualTo(500 + 100);
    assertThat(finals.get(1).segment().endMs() - finals.get(1).segment().startMs()).isEqualTo(200);
  }

  @Test
  void aFunAsrServerThatNeverAnswersHoldsNeitherTheStreamNorItsEnd() throws Exception {
    // one that takes the connection and never answers the handshake: given up after the connect timeout, retried
    AtomicInteger accepted = new AtomicInteger();
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket mute = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(mute.accept());
            accepted.incrementAndGet();
          }
        } catch (java.io.IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      SpeechRecognizer mutePeer = new SpeechRecognizer(vertx, "ws://127.0.0.1:" + mute.getLocalPort() + "/",
          SpeechRecognizer.Protocol.FUNASR, QUICK, intake);
      SpeechRecognizer.Stream stream = onContext(() -> mutePeer.start(CALL, Party.AGENT, 8000, "zh"));
      feed(stream, 10);
      await(() -> accepted.get() >= 2);
      onContext(stream::close).await(5, TimeUnit.SECONDS);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }

    // one that takes the WebSocket and never answers anything: the end is not waited for past the final timeout
    FakeFunAsrServer silent = FakeFunAsrServer.silent(vertx);
    SpeechRecognizer recognizer = new SpeechRecognizer(vertx, silent.url(), SpeechRecognizer.Protocol.FUNASR, QUICK,
        intake);
    SpeechRecognizer.Stream stream = onContext(() -> recognizer.start(CALL, Party.CUSTOMER, 8000, "zh"));
    await(() -> silent.received.size() == 1 && !silent.received.get(0).isEmpty());
    feed(stream, 50);
    onContext(stream::close).await(5, TimeUnit.SECONDS);
    await(() -> silent.closes.get() == 1);
    assertThat(silent.received.get(0)).last().isEqualTo(FunAsrStream.END);
    assertThat(heard).isEmpty();
  }

  /** {@code frames} frames of 20 ms, on the Vert.x context as AudioSocket delivers them. */
  private void feed(SpeechRecognizer.Stream stream, int frames) throws Exception {
    onContext(() -> {
      for (int i = 0; i < frames; i++) {
        stream.audio(Buffer.buffer(new byte[FRAME]));
      }
      return null;
    });
  }

  private <T> T onContext(Supplier<T> work) throws Exception {
    return vertx.<T>executeBlocking(() -> null).compose(v -> {
      io.vertx.core.Promise<T> p = io.vertx.core.Promise.promise();
      vertx.runOnContext(x -> p.complete(work.get()));
      return p.future();
    }).await(5, TimeUnit.SECONDS);
  }

  private static void await(Supplier<Boolean> condition) throws InterruptedException {
    dev.attune.core.testing.Eventually.until("the condition", Duration.ofSeconds(10), condition::get);
  }


  /** A loopback port nothing listens on now: no fixed or guessed ports, so runs side by side agree. */
  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      return free.getLocalPort();
    }
  }
}
