package dev.attune.app;

import dev.attune.core.bus.Bus;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.assist.transcripts.TranscriptIntake;
import dev.attune.core.bus.TranscriptSegment;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.calls.Party;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo only (the built-in simulator): plays a scripted conversation as transcript segments on each answered inbound
 * call, through the same intake a speech recognizer would use, so the default run shows guidance and promises.
 */
final class DemoConversations extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(DemoConversations.class);
  private static final String SCRIPTS = "/demo/conversations.yaml";

  record Line(double at, String party, String text) {}

  record Conversation(String lang, List<Line> lines) {}

  record Scripts(List<Conversation> conversations) {}

  private final TranscriptIntake intake;
  private final HazelcastInstance hazelcast;
  private final List<Conversation> conversations;
  /** Calls in progress (snapshot after their latest event); a line for a call no longer here is not played. */
  private final Map<String, LiveCall> live = new HashMap<>();
  private MessageConsumer<?> consumer;
  private int next;

  DemoConversations(TranscriptIntake intake, HazelcastInstance hazelcast) {
    this.intake = intake;
    this.hazelcast = hazelcast;
    this.conversations = load();
  }

  @Override
  public Future<?> start() {
    consumer = Bus.listen(vertx, Addresses.CALL_EVENTS, CallEventMessage.class, this::onCallEvent);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister();
  }

  private void onCallEvent(CallEventMessage message) {
    String callId = message.event().callId();
    if (message.event() instanceof CallEnded) {
      live.remove(callId);
      return;
    }
    if (message.call() != null) {
      live.put(callId, message.call());
    }
    if (message.event() instanceof CallAnswered && message.call() != null
        && message.call().direction() == Direction.INBOUND && playedHere(callId)) {
      play(callId, conversations.get(next++ % conversations.size()));
    }
  }

  /** Every member sees the event; the owner of the call's partition plays it, so it is played once. */
  private boolean playedHere(String callId) {
    var owner = hazelcast.getPartitionService().getPartition(callId).getOwner();
    return owner != null && owner.localMember();
  }

  private void play(String callId, Conversation conversation) {
    for (Line line : conversation.lines()) {
      long delay = Math.max(1, Math.round(line.at() * 1000));
      vertx.setTimer(delay, id -> {
        LiveCall call = live.get(callId);
        if (call == null || call.agent() == null) {
          return; // hung up before this line
        }
        Party party = Party.valueOf(line.party().toUpperCase(Locale.ROOT));
        long offset = Math.round(line.at() * 1000);
        intake.publish(new TranscriptSegment(callId, party, line.text(), offset, offset + 1500, true,
            conversation.lang()), call);
      });
    }
    log.debug("call {}: playing a {} demo conversation", callId, conversation.lang());
  }

  private static List<Conversation> load() {
    try (InputStream in = DemoConversations.class.getResourceAsStream(SCRIPTS)) {
      if (in == null) {
        throw new IllegalStateException("demo conversations missing from the jar: " + SCRIPTS);
      }
      return new ObjectMapper(new YAMLFactory()).readValue(in, Scripts.class).conversations();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SCRIPTS, e);
    }
  }
}
