package dev.attune.assist.audio;

import dev.attune.assist.audio.AudioSocketProtocolException.Problem;
import dev.attune.core.calls.AudioTap;
import dev.attune.core.config.ConfigException;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.net.SourceGate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP server Asterisk's AudioSocket channels connect to. Each connection must start with its UUID frame; the UUID
 * is looked up in the taps the bridge registered, and the stream's audio goes to {@link PartyStreams}. A stream whose
 * UUID nobody registered is closed (there is no call to attribute it to, so analysing it would only cost CPU).
 * A stream that breaks the protocol is closed with one log line and a count in {@code attune.audio.bad.streams};
 * the server and the other streams go on.
 */
public final class AudioSocketServer {
  private static final Logger log = LoggerFactory.getLogger(AudioSocketServer.class);
  /** Audio frames decoded while the UUID lookup is in flight (the socket is paused, so this stays small). */
  private static final int MAX_EARLY_FRAMES = 50;

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final SourceGate gate;
  private final TapDirectory taps;
  private final PartyStreams streams;
  private final MeterRegistry registry;
  private final LongSupplier clock;
  private final Counter frames;
  private NetServer server;

  /** {@code gate} decides which hosts may stream in (the PBXs: {@code audiosocket.allowFrom}). */
  public AudioSocketServer(Vertx vertx, String host, int port, SourceGate gate, TapDirectory taps,
                           PartyStreams streams, MeterRegistry registry, LongSupplier clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.gate = Objects.requireNonNull(gate, "gate");
    this.taps = Objects.requireNonNull(taps, "taps");
    this.streams = Objects.requireNonNull(streams, "streams");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.frames = Counter.builder(MetricNames.AUDIO_FRAMES).description("AudioSocket audio frames received")
        .register(registry);
  }

  /** Binds; the future holds the actual port (useful with port 0). */
  public Future<Integer> start() {
    server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true));
    return server.connectHandler(this::admit).listen().map(NetServer::actualPort)
        .recover(e -> Future.failedFuture(ConfigException.cannotListen("audiosocket.port", host, port, e)))
        .onSuccess(p -> log.info("AudioSocket server on {}:{}", host, p));
  }

  private void admit(NetSocket socket) {
    if (gate.admits(socket.remoteAddress().hostAddress())) {
      new Connection(socket).begin();
    } else {
      socket.close(); // before a byte is read: audio of a call is for the PBX to send
    }
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void countBad(Problem problem) {
    Counter.builder(MetricNames.AUDIO_BAD_STREAMS).tag("problem", problem.name().toLowerCase())
        .description("AudioSocket streams closed for breaking the protocol or an unknown UUID")
        .register(registry).increment();
  }

  /** One TCP connection = one party's stream. Runs on the server's context only. */
  private final class Connection {
    private final NetSocket socket;
    private final AudioSocketFrameDecoder decoder = new AudioSocketFrameDecoder();
    private final ArrayDeque<AudioSocketFrame.Audio> early = new ArrayDeque<>();
    private java.util.UUID uuid;
    private PartyStreams.PartyStream stream;
    private boolean finished;
    /** Why the stream ended (a hangup or error frame) while its UUID lookup was out: the lookup's answer finishes it. */
    private String ending;

    Connection(NetSocket socket) {
      this.socket = socket;
    }

    void begin() {
      socket.handler(this::onBytes);
      // the end, not the close: Vert.x reports the close at once, even while the socket is paused for the UUID
      // lookup with the stream's last bytes still queued; the end comes after them
      socket.endHandler(v -> onEof());
      socket.exceptionHandler(err -> log.debug("AudioSocket {} uuid={}: {}", socket.remoteAddress(), uuid,
          err.toString()));
    }

    private void onBytes(Buffer buffer) {
      if (finished || ending != null) {
        return;
      }
      byte[] bytes = buffer.getBytes();
      try {
        decoder.feed(bytes, 0, bytes.length, this::onFrame);
      } catch (AudioSocketProtocolException e) {
        if (ending == null) { // bytes after a hangup frame in the same read: the stream had already ended well
          reject(e.problem(), e.getMessage());
        }
      }
    }

    private void onFrame(AudioSocketFrame frame) {
      if (finished || ending != null) {
        return;
      }
      if (uuid == null) {
        if (!(frame instanceof AudioSocketFrame.Identity id)) {
          throw new AudioSocketProtocolException(Problem.NO_IDENTITY_FIRST,
              "first frame is " + frame.getClass().getSimpleName() + ", not the UUID");
        }
        uuid = id.uuid();
        socket.pause(); // until we know whose voice this is
        // the directory may answer on its own thread (Hazelcast's): come back to this connection's context
        io.vertx.core.Context context = vertx.getOrCreateContext();
        taps.find(uuid).onComplete(ar -> context.runOnContext(v ->
            attribute(ar.succeeded() ? ar.result() : null, ar.cause())));
        return;
      }
      if (frame instanceof AudioSocketFrame.Audio audio) {
        frames.increment();
        if (stream != null) {
          stream.audio(audio, clock.getAsLong());
        } else if (early.size() < MAX_EARLY_FRAMES) {
          early.add(audio);
        }
      } else if (frame instanceof AudioSocketFrame.Hangup) {
        end("hangup frame");
      } else if (frame instanceof AudioSocketFrame.Error err) {
        end("error frame code " + err.code());
      } else if (frame instanceof AudioSocketFrame.Dtmf d) {
        log.debug("AudioSocket uuid={} DTMF {}", uuid, d.digit());
      } else if (frame instanceof AudioSocketFrame.Identity again) {
        throw new AudioSocketProtocolException(Problem.BAD_PAYLOAD, "a second UUID frame " + again.uuid());
      }
    }

    private void attribute(AudioTap tap, Throwable lookupFailure) {
      if (finished) {
        return;
      }
      if (tap == null) {
        reject(Problem.UNKNOWN_TAP, lookupFailure == null ? "no tap registered for this UUID"
            : "tap lookup failed: " + lookupFailure);
        return;
      }
      stream = streams.open(tap);
      log.info("AudioSocket stream uuid={} call={} party={} from {}", uuid, tap.callId(), tap.party(),
          socket.remoteAddress());
      long now = clock.getAsLong();
      while (!early.isEmpty()) {
        stream.audio(early.poll(), now);
      }
      if (ending != null) {
        finish(ending);
      } else {
        socket.resume();
      }
    }

    /** A hangup or error frame: a short stream sent in one write ends before its lookup answers, its audio kept. */
    private void end(String why) {
      if (stream == null) {
        ending = why;
      } else {
        finish(why);
      }
    }

    private void onEof() {
      if (finished || ending != null) {
        return;
      }
      if (!decoder.atFrameBoundary()) {
        countBad(Problem.TRUNCATED);
        log.warn("AudioSocket uuid={} from {}: peer vanished mid-frame ({} bytes of an unfinished frame)", uuid,
            socket.remoteAddress(), decoder.pendingBytes());
      }
      finish("connection closed");
    }

    private void reject(Problem problem, String why) {
      if (finished) {
        return;
      }
      countBad(problem);
      log.warn("AudioSocket uuid={} from {} closed: {} ({})", uuid, socket.remoteAddress(), why,
          problem.name().toLowerCase());
      finish(why);
    }

    private void finish(String why) {
      if (finished) {
        return;
      }
      finished = true;
      early.clear();
      if (stream != null) {
        stream.closed();
        log.info("AudioSocket stream uuid={} ended: {}", uuid, why);
      }
      socket.close();
    }
  }
}
