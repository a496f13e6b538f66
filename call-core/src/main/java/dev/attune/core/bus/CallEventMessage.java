package dev.attune.core.bus;

import dev.attune.core.calls.CallEvent;
import dev.attune.core.calls.LiveCall;

/**
 * What the bridge publishes on {@link Addresses#CALL_EVENTS}: the event and the live call as it stands after it
 * ({@code call} is the last snapshot for {@code CallEnded}). Screens apply it without a second lookup, and the web edge
 * filters by {@code call.agent()}.
 */
public record CallEventMessage(CallEvent event, LiveCall call) {
  public String toJson() {
    return Json.write(this);
  }

  public static CallEventMessage fromJson(String json) {
    return Json.read(json, CallEventMessage.class);
  }
}
