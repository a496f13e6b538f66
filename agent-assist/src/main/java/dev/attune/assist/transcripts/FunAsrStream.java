package dev.attune.assist.transcripts;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One party's audio sent to a FunASR runtime server over its WebSocket protocol (FunASR
 * {@code runtime/docs/websocket_protocol.md}; {@code funasr-wss-server-2pass}, the usual on-premise Mandarin server).
 * A JSON config first ({@code mode 2pass}, {@code wav_format pcm}, {@code audio_fs}, {@code chunk_size [5,10,5]},
 * {@code is_speaking true}), then binary 16-bit PCM, and {@code {"is_speaking": false}} at the end. Unlike Vosk, the
 * server answers only when it has text: a {@code 2pass-online} answer carries the next piece of the sentence being
 * heard (a piece, not the sentence so far), a {@code 2pass-offline} answer the corrected sentence once its voice
 * ends, with {@code start_time}/{@code end_time} in ms; after the end marker the last answer has
 * {@code is_final: true}. The server never closes a stream itself.
 *
 * <p>A server that goes away mid-call is reconnected (after 1 s, doubling to 30 s) with a new session; the audio in
 * between is not transcribed, and times stay those of the whole stream. A server that accepts the connection but never
 * answers the handshake is given up after {@code timeouts.connect()}; one that never sends the final answer does not
 * hold the stream open: {@link #close()} completes after {@code timeouts.finalAnswer()}.
 */
final class FunAsrStream implements SpeechRecognizer.Stream {
  private static final Logger log = LoggerFactory.getLogger(FunAsrStream.class);
  static final String END = new JsonObject().put("is_speaking", false).encode();
  private static final long LAST_RETRY_MS = 30_000;

  /** How long to wait for the handshake and for the final answer, and the first wait before connecting again. */
  record Timeouts(Duration connect, Duration finalAnswer, Duration firstRetry) {
    static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1));
  }

  private final Vertx vertx;
  private final WebSocketClient client;
  private final URI server;
  private final String name;
  private final int sampleRate;
  private final int chunkBytes;
  private final Timeouts timeouts;
  private final Consumer<RecognizedText> results;
  private final Promise<Void> finished = Promise.promise();
  private WebSocket socket; // null while connecting or disconnected
  private Buffer pending = Buffer.buffer();
  private long streamBytes;       // all audio given, sent or not: the stream's clock
  private long sessionStartBytes; // where the current server session began on that clock
  private long retryMs;
  private final StringBuilder sentence = new StringBuilder();
  private long sentenceStartMs = -1;
  private boolean closing;
  private boolean everConnected;

  private FunAsrStream(Vertx vertx, WebSocketClient client, URI server, String name, int sampleRate,
                       Timeouts timeouts, Consumer<RecognizedText> results) {
    this.vertx = vertx;
    this.client = client;
    this.server = server;
    this.name = name;
    this.sampleRate = sampleRate;
    this.chunkBytes = sampleRate / 10 * 2; // 100 ms: the server decodes in steps of 800 samples anyway
    this.timeouts = timeouts;
    this.results = results;
    this.retryMs = timeouts.firstRetry().toMillis();
  }

  /** Connects now; audio given before the socket is open is not transcribed. Call on a Vert.x context. */
  static FunAsrStream open(Vertx vertx, WebSocketClient client, URI server, String name, int sampleRate,
                           Timeouts timeouts, Consumer<RecognizedText> results) {
    FunAsrStream stream = new FunAsrStream(vertx, client, server, name, sampleRate, timeouts, results);
    stream.connect();
    return stream;
  }

  private void connect() {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(server.toString())
        .setConnectTimeout(timeouts.connect().toMillis()).setIdleTimeout(timeouts.connect().toMillis());
    client.connect(options).onSuccess(this::opened).onFailure(err -> {
      if (closing) {
        finished.tryComplete();
        return;
      }
      log.warn("ASR {}: cannot reach {} ({}); retrying in {} ms, the audio meanwhile is not transcribed", name,
          server, err.getMessage(), retryMs);
      retryLater();
    });
  }

  private void retryLater() {
    long delay = retryMs;
    retryMs = Math.min(LAST_RETRY_MS, retryMs * 2);
    vertx.setTimer(delay, id -> {
      if (!closing) {
        connect();
      }
    });
  }

  private void opened(WebSocket ws) {
    if (closing) { // the call ended while connecting: nothing to transcribe
      ws.close();
      finished.tryComplete();
      return;
    }
    if (everConnected) {
      log.info("ASR {}: connected again to {}", name, server);
    }
    everConnected = true;
    socket = ws;
    retryMs = timeouts.firstRetry().toMillis();
    sessionStartBytes = streamBytes;
    sentence.setLength(0);
    sentenceStartMs = -1;
    ws.textMessageHandler(this::answer);
    ws.exceptionHandler(err -> log.debug("ASR {}: {}", name, err.toString()));
    ws.closeHandler(v -> {
      socket = null;
      if (closing) {
        finished.tryComplete();
      } else {
        log.warn("ASR {}: {} closed the stream; reconnecting in {} ms", name, server, retryMs);
        retryLater();
      }
    });
    ws.writeTextMessage(new JsonObject().put("mode", "2pass").put("wav_name", name).put("wav_format", "pcm")
        .put("audio_fs", sampleRate).put("chunk_size", new JsonArray().add(5).add(10).add(5))
        .put("chunk_interval", 10).put("is_speaking", true).put("itn", true).encode());
  }

  @Override
  public void audio(Buffer pcm) {
    if (closing) {
      return;
    }
    streamBytes += pcm.length();
    if (socket == null) {
      pending = Buffer.buffer(); // not connected: this audio is not transcribed, and not held
      return;
    }
    pending.appendBuffer(pcm);
    if (pending.length() >= chunkBytes) {
      flush();
    }
  }

  /** Sends what is left and the end marker; completes on the final answer, or after the final-answer timeout. */
  @Override
  public Future<Void> close() {
    if (!closing) {
      flush();
      closing = true;
      if (socket == null) {
        finished.tryComplete(); // a connect in flight completes it too, harmlessly
      } else {
        socket.writeTextMessage(END);
        long timer = vertx.setTimer(timeouts.finalAnswer().toMillis(), id -> {
          if (!finished.future().isComplete()) {
            log.warn("ASR {}: no final answer from {} within {} s; closing", name, server,
                timeouts.finalAnswer().toSeconds());
            endSession();
          }
        });
        finished.future().onComplete(done -> vertx.cancelTimer(timer));
      }
    }
    return finished.future();
  }

  private void flush() {
    if (pending.length() == 0 || socket == null) {
      pending = Buffer.buffer();
      return;
    }
    if (!socket.writeQueueFull()) { // a slow recognizer must not grow our memory
      socket.writeBinaryMessage(pending);
    }
    pending = Buffer.buffer();
  }

  private void answer(String json) {
    JsonObject answer;
    try {
      answer = new JsonObject(json);
    } catch (RuntimeException e) {
      log.warn("ASR {}: ignoring an answer that is not FunASR JSON", name);
      return;
    }
    String mode = String.valueOf(answer.getValue("mode", ""));
    String text = answer.getValue("text") instanceof String t ? RecognizedText.tidy(t) : "";
    long nowMs = msOf(streamBytes);
    if (mode.endsWith("offline")) { // the sentence, corrected: final
      long start = answer.getValue("start_time") instanceof Number n ? sessionMs(n) : sentenceStartMs;
      long end = answer.getValue("end_time") instanceof Number n ? sessionMs(n) : nowMs;
      sentence.setLength(0);
      sentenceStartMs = -1;
      if (!text.isEmpty()) {
        results.accept(new RecognizedText(text, true, start, Math.max(end, Math.max(start, 0))));
      }
    } else if (!text.isEmpty()) { // the next piece of the sentence being heard
      if (sentence.isEmpty()) {
        sentenceStartMs = nowMs;
      }
      sentence.append(text);
      results.accept(new RecognizedText(RecognizedText.tidy(sentence.toString()), false, sentenceStartMs, nowMs));
    }
    if (closing && Boolean.TRUE.equals(answer.getValue("is_final"))) {
      if (!sentence.isEmpty()) { // an online-only server never corrects: its pieces are the final text
        results.accept(new RecognizedText(RecognizedText.tidy(sentence.toString()), true, sentenceStartMs, nowMs));
        sentence.setLength(0);
      }
      endSession();
    }
  }

  private void endSession() {
    WebSocket ws = socket;
    if (ws != null && !ws.isClosed()) {
      ws.close(); // the close handler completes the stream
    } else {
      finished.tryComplete();
    }
  }

  /** A session time (ms since this connection began) on the stream's clock. */
  private long sessionMs(Number sessionMillis) {
    return msOf(sessionStartBytes) + sessionMillis.longValue();
  }

  private long msOf(long bytes) {
    return bytes * 1000 / 2 / sampleRate;
  }
}
