package dev.attune.assist.transcripts;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One party's audio sent to a Vosk server over its WebSocket protocol (alphacep/vosk-server {@code asr_server.py}):
 * a text {@code {"config":{"sample_rate":8000,"words":1}}} first, then binary 16-bit little-endian PCM, one answer
 * per binary message, and {@code {"eof" : 1}} (the server compares this exact text) for the final result before it
 * closes. Audio is sent in chunks of about 200 ms: Vosk answers every message, and 20 ms frames would mean 50 answers
 * a second per party. If the server is unreachable or goes away, the audio is dropped with one log line: tone and
 * pace do not depend on it.
 */
final class VoskStream implements SpeechRecognizer.Stream {
  private static final Logger log = LoggerFactory.getLogger(VoskStream.class);
  static final String EOF = "{\"eof\" : 1}";

  private final String name;
  private final int sampleRate;
  private final int chunkBytes;
  private final Consumer<RecognizedText> results;
  private final Future<WebSocket> socket;
  private final Promise<Void> finished = Promise.promise();
  private Buffer pending = Buffer.buffer();
  private long sentBytes;
  private long sentMessages;
  private long answers;
  private String lastPartial = "";
  private boolean closing;

  private VoskStream(String name, int sampleRate, Consumer<RecognizedText> results, Future<WebSocket> socket) {
    this.name = name;
    this.sampleRate = sampleRate;
    this.chunkBytes = sampleRate / 5 * 2;
    this.results = results;
    this.socket = socket;
  }

  /** Connects now; audio given before the socket is open waits in the first chunk. */
  static VoskStream open(WebSocketClient client, URI server, String name, int sampleRate,
                         Consumer<RecognizedText> results) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(server.toString());
    Future<WebSocket> socket = client.connect(options);
    VoskStream stream = new VoskStream(name, sampleRate, results, socket);
    socket.onSuccess(stream::opened).onFailure(err -> {
      log.warn("ASR {}: cannot reach {}: {}; continuing without transcripts", name, server, err.getMessage());
      stream.finished.tryComplete();
    });
    return stream;
  }

  private void opened(WebSocket ws) {
    ws.textMessageHandler(this::answer);
    ws.closeHandler(v -> {
      if (!closing) {
        log.warn("ASR {}: the server closed the stream early; continuing without transcripts", name);
      }
      finished.tryComplete();
    });
    ws.exceptionHandler(err -> log.debug("ASR {}: {}", name, err.toString()));
    ws.writeTextMessage(new JsonObject().put("config",
        new JsonObject().put("sample_rate", sampleRate).put("words", 1)).encode());
  }

  /** Queues PCM; sends a chunk once about 200 ms have gathered. */
  @Override
  public void audio(Buffer pcm) {
    if (closing) {
      return;
    }
    pending.appendBuffer(pcm);
    if (pending.length() >= chunkBytes) {
      flush();
    }
  }

  /** Sends what is left and the end-of-stream marker; completes when the final result came or the socket closed. */
  @Override
  public Future<Void> close() {
    if (!closing) {
      flush();
      closing = true;
      socket.onSuccess(ws -> {
        if (!ws.isClosed()) {
          ws.writeTextMessage(EOF);
        }
      });
    }
    return finished.future();
  }

  private void flush() {
    if (pending.length() == 0) {
      return;
    }
    Buffer chunk = pending;
    pending = Buffer.buffer();
    socket.onSuccess(ws -> {
      if (!ws.isClosed() && !ws.writeQueueFull()) { // a slow recognizer must not grow our memory
        ws.writeBinaryMessage(chunk);
        sentBytes += chunk.length();
        sentMessages++;
      }
    });
  }

  private void answer(String json) {
    RecognizedText result;
    try {
      result = RecognizedText.fromVosk(json, sentBytes * 1000 / 2 / sampleRate);
    } catch (RuntimeException e) {
      log.warn("ASR {}: ignoring an answer that is not Vosk JSON", name);
      return;
    }
    answers++;
    boolean repeatedPartial = !result.isFinal() && result.text().equals(lastPartial);
    lastPartial = result.isFinal() ? "" : result.text();
    if (!result.text().isEmpty() && !repeatedPartial) {
      results.accept(result);
    }
    // One answer per binary message, one for the end marker: the last one is the final result.
    if (closing && answers > sentMessages) {
      socket.onSuccess(WebSocket::close);
      finished.tryComplete();
    }
  }
}
