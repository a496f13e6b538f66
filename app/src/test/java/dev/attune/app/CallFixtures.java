package dev.attune.app;

import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Bus;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.EndedBy;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.store.MapNames;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Calls as the bridge would write them to the maps and publish them on the bus. */
final class CallFixtures {
  private CallFixtures() {}

  static LiveCall answered(String id, String caller, String callerName, String queue, String agent, Instant answeredAt) {
    Instant queuedAt = answeredAt.minusSeconds(12);
    return new LiveCall(id, id.substring(id.indexOf(':') + 1), caller, callerName, Direction.INBOUND, queue, agent,
        CallState.ANSWERED, queuedAt.minusSeconds(2), queuedAt, answeredAt, null, 0, 0, 0, answeredAt);
  }

  static CallRecord ended(String id, String caller, String agent, CallOutcome outcome, Instant endedAt) {
    Instant started = endedAt.minusSeconds(200);
    Instant answered = outcome == CallOutcome.ANSWERED ? started.plusSeconds(15) : null;
    return new CallRecord(id, caller, "support", agent, outcome, EndedBy.CUSTOMER, started, started.plusSeconds(1),
        answered, endedAt, 14, answered == null ? 0 : 185, 0, 0, 0, "16", false, java.util.List.of());
  }

  /**
   * A record as it sits in a Hazelcast map: the record itself, as the bridge writes it (Hazelcast stores it as JSON
   * through {@code JsonRecordSerializer}, and the history MapStore writes it through to the database).
   */
  static Object stored(Object record) {
    return record;
  }

  /** What the bridge publishes when {@code call} was answered. */
  static CallEventMessage answeredMessage(LiveCall call) {
    return new CallEventMessage(new CallAnswered(call.id(), call.answeredAt(), call.agent(), call.queue(), 12), call);
  }

  /** An answered call on {@code node} as the bridge puts it there: its live entry, then its event. */
  static void begin(AttuneNode node, LiveCall call) {
    node.hazelcast().getMap(MapNames.LIVE_CALLS).put(call.id(), stored(call));
    Bus.publish(node.vertx(), Addresses.CALL_EVENTS, answeredMessage(call));
  }

  /** Its end as the bridge writes it: the live entry goes, then {@code CallEnded} (coaches learn and draft on it). */
  static void end(AttuneNode node, LiveCall call) {
    node.hazelcast().getMap(MapNames.LIVE_CALLS).remove(call.id());
    Bus.publish(node.vertx(), Addresses.CALL_EVENTS,
        new CallEventMessage(new CallEnded(call.id(), Instant.now(), null), call));
  }
}
