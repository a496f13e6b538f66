package dev.attune.assist.audio;

import dev.attune.core.bus.Bus;
import dev.attune.core.bus.SpeechFeatures;

import dev.attune.assist.transcripts.SpeechRecognizer;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.AudioTap;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallEvent;
import dev.attune.core.calls.CallHeld;
import dev.attune.core.calls.CallResumed;
import dev.attune.core.config.AttuneConfig;
import io.micrometer.core.instrument.MeterRegistry;
import dev.attune.core.net.SourceGate;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.VerticleBase;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tone and pace of every call whose taps reach this node: runs the {@link AudioSocketServer}, analyses each party's
 * stream ({@link CallSpeech}), follows hold and hang-up from {@link Addresses#CALL_EVENTS}, and publishes
 * {@link SpeechFeatures} per party about once a second on {@link Addresses#SPEECH_FEATURES}. All of it runs on this
 * verticle's one context: a 20 ms frame costs about 6 µs to analyse (SpeechAnalysisBench: ~3,400 real-time streams
 * per core), short enough for an event loop. Deploy one instance: both streams of a call must meet in one
 * {@link CallSpeech}.
 */
public final class SpeechAnalytics extends VerticleBase implements PartyStreams {
  private static final Logger log = LoggerFactory.getLogger(SpeechAnalytics.class);
  /** A call whose streams all closed is forgotten this long after (CallEnded usually comes first). */
  private static final long FORGET_AFTER_MS = 10_000;

  private final AttuneConfig.AudioSocket config;
  private final TapDirectory taps;
  private final MeterRegistry registry;
  private final LongSupplier clock;
  private final Map<String, CallSpeech> calls = new HashMap<>();
  private SpeechRecognizer recognizer;
  private AudioSocketServer server;
  private int port = -1;
  private long timer = -1;

  public SpeechAnalytics(AttuneConfig.AudioSocket config, TapDirectory taps, MeterRegistry registry,
                         LongSupplier clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.taps = Objects.requireNonNull(taps, "taps");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Also sends each party's audio to a speech recognizer (when {@code assist.asrUrl} is set). */
  public SpeechAnalytics withRecognizer(SpeechRecognizer recognizer) {
    this.recognizer = recognizer;
    return this;
  }

  /** The bound AudioSocket port (useful with port 0); -1 before start. */
  public int port() {
    return port;
  }

  @Override
  public Future<?> start() {
    server = new AudioSocketServer(vertx, config.host(), config.port(),
        new SourceGate("audiosocket.allowFrom", config.allowFrom(), registry), taps, this, registry, clock);
    Bus.listen(vertx, Addresses.CALL_EVENTS, CallEventMessage.class, this::onCallEvent);
    timer = vertx.setPeriodic(1000, t -> publish());
    return server.start().onSuccess(p -> port = p);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return server == null ? Future.succeededFuture() : server.stop();
  }

  @Override
  public PartyStream open(AudioTap tap) {
    CallSpeech call = calls.computeIfAbsent(tap.callId(),
        id -> new CallSpeech(id, clock.getAsLong(), CallTimeline.IntervalSink.NONE));
    PartyVoiceAnalyser mine = call.attach(tap.party());
    return new PartyStream() {
      private SpeechRecognizer.Stream words; // opened at the first frame, which tells the sample rate

      @Override
      public void audio(AudioSocketFrame.Audio frame, long arrivalMillis) {
        if (call.current(tap.party(), mine)) {
          call.audio(tap.party(), frame.samples(), frame.sampleRate(), arrivalMillis);
          if (recognizer != null && recognizer.enabled()) {
            if (words == null) {
              words = recognizer.start(tap.callId(), tap.party(), frame.sampleRate(), null);
            }
            words.audio(pcm16le(frame.samples()));
          }
        }
      }

      @Override
      public void closed() {
        call.detach(tap.party(), mine, clock.getAsLong());
        if (words != null) {
          words.close();
        }
      }
    };
  }

  private static Buffer pcm16le(short[] samples) {
    Buffer out = Buffer.buffer(samples.length * 2);
    for (short sample : samples) {
      out.appendShortLE(sample);
    }
    return out;
  }

  private void onCallEvent(CallEventMessage message) {
    CallEvent event = message.event();
    CallSpeech call = calls.get(event.callId());
    if (call == null) {
      return;
    }
    long now = clock.getAsLong();
    if (event instanceof CallHeld) {
      call.hold(now);
      log.debug("call={} held: speech analysis paused", event.callId());
    } else if (event instanceof CallResumed) {
      call.resume(now);
    } else if (event instanceof CallEnded) {
      publish(call, now);
      calls.remove(event.callId());
    }
  }

  private void publish() {
    long now = clock.getAsLong();
    for (Iterator<CallSpeech> it = calls.values().iterator(); it.hasNext(); ) {
      CallSpeech call = it.next();
      if (!call.hasStreams() && now - call.lastActivityMillis() > FORGET_AFTER_MS) {
        it.remove();
      } else if (call.hasStreams()) {
        publish(call, now);
      }
    }
  }

  private void publish(CallSpeech call, long now) {
    for (SpeechFeatures features : call.features(now)) {
      Bus.publish(vertx, Addresses.SPEECH_FEATURES, features);
    }
  }
}
