package dev.attune.assist.transcripts;

import dev.attune.core.bus.TranscriptSegment;

import dev.attune.core.calls.Party;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each party's AudioSocket audio to a streaming speech recognizer ({@code assist.asrUrl}: a Vosk server, or a
 * FunASR runtime server with {@code assist.asrProtocol: funasr}) and
 * hands what it hears to the {@link TranscriptIntake}, as partial and final segments of that call and party. Off
 * when no URL is configured: no ASR model ships with Attune, and tone and pace need none.
 */
public final class SpeechRecognizer {
  private static final Logger log = LoggerFactory.getLogger(SpeechRecognizer.class);

  /** One party's audio on its way to the recognizer. */
  public interface Stream {
    void audio(Buffer pcm16le);

    Future<Void> close();
  }

  private static final Stream OFF = new Stream() {
    @Override
    public void audio(Buffer pcm16le) {
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  };

  /** The recognizers Attune speaks to ({@code assist.asrProtocol}). */
  public enum Protocol {
    /** alphacep vosk-server: one answer per audio message. */
    VOSK,
    /** FunASR runtime's 2pass WebSocket server: answers when it has text, corrects each sentence at its end. */
    FUNASR
  }

  private final Vertx vertx;
  private final URI server;
  private final Protocol protocol;
  private final FunAsrStream.Timeouts timeouts;
  private final TranscriptIntake intake;
  private final WebSocketClient client;

  /** A Vosk server; {@code server} may be null or blank: then every stream is {@link #OFF}. */
  public SpeechRecognizer(Vertx vertx, String server, TranscriptIntake intake) {
    this(vertx, server, Protocol.VOSK, intake);
  }

  /** {@code server} may be null or blank: then every stream is {@link #OFF}. */
  public SpeechRecognizer(Vertx vertx, String server, Protocol protocol, TranscriptIntake intake) {
    this(vertx, server, protocol, FunAsrStream.Timeouts.DEFAULT, intake);
  }

  SpeechRecognizer(Vertx vertx, String server, Protocol protocol, FunAsrStream.Timeouts timeouts,
                   TranscriptIntake intake) {
    this.vertx = vertx;
    this.server = server == null || server.isBlank() ? null : URI.create(server);
    this.protocol = protocol;
    this.timeouts = timeouts;
    this.intake = intake;
    this.client = this.server == null ? null : vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(64 * 1024).setMaxMessageSize(256 * 1024));
    if (this.server != null) {
      log.info("speech recognition: party audio goes to {} ({})", this.server, protocol.name().toLowerCase());
    }
  }

  public boolean enabled() {
    return server != null;
  }

  /** Starts recognizing one party of a call; the stream's segments carry that call and party. */
  public Stream start(String callId, Party party, int sampleRate, String lang) {
    if (server == null) {
      return OFF;
    }
    String name = callId + "/" + party.name().toLowerCase();
    // Segments are chained so they reach the intake in the order heard (a partial never after its final).
    Future<?>[] last = {Future.succeededFuture()};
    Consumer<RecognizedText> heard = text -> {
      TranscriptSegment segment = new TranscriptSegment(callId, party, text.text(), Math.max(0, text.startMs()),
          text.endMs(), text.isFinal(), lang);
      last[0] = last[0].eventually(() -> intake.publish(segment)
          .onFailure(e -> log.debug("ASR {}: segment not taken: {}", name, e.getMessage())));
    };
    return switch (protocol) {
      case VOSK -> VoskStream.open(client, server, name, sampleRate, heard);
      case FUNASR -> FunAsrStream.open(vertx, client, server, name, sampleRate, timeouts, heard);
    };
  }
}
