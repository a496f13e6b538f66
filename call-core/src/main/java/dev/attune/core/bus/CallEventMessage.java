package dev.attune.core.bus;

import dev.attune.core.calls.CallEvent;
import dev.attune.core.calls.LiveCall;

/**
 * What the bridge publishes on {@link Addresses#CALL_EVENTS}: the event and the live call as it stands after it
 * ({@code call} is the last snapshot for {@code CallEnded}). Screens apply it without a second lookup; it is routed to
 * the agent on the call.
 */
public record CallEventMessage(CallEvent event, LiveCall call) implements BusMessage {

  @Override
  public String agent() {
    return call == null ? null : call.agent();
  }

  @Override
  public String callId() {
    return event.callId();
  }

  @Override
  public boolean endsCall() {
    return event instanceof dev.attune.core.calls.CallEnded;
  }
}
