package dev.attune.core.calls;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * One step in the life of a customer contact, as the bridge derives it from raw PBX events.
 * Every event names its call ({@code systemname:linkedid}) and carries the PBX's own time, not ours,
 * so durations stay right when events are replayed or delivered late.
 * On the clustered event bus these travel as JSON with a {@code type} field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(CallOffered.class),
    @JsonSubTypes.Type(CallQueued.class),
    @JsonSubTypes.Type(AgentRinging.class),
    @JsonSubTypes.Type(AgentRingEnded.class),
    @JsonSubTypes.Type(CallAnswered.class),
    @JsonSubTypes.Type(CallHeld.class),
    @JsonSubTypes.Type(CallResumed.class),
    @JsonSubTypes.Type(CallTransferred.class),
    @JsonSubTypes.Type(CallAbandoned.class),
    @JsonSubTypes.Type(CallEnded.class)
})
public sealed interface CallEvent
    permits CallOffered, CallQueued, AgentRinging, AgentRingEnded, CallAnswered, CallHeld, CallResumed,
        CallTransferred, CallAbandoned, CallEnded {

  /** {@code systemname:linkedid}; stable for the whole contact, also across transfers. */
  String callId();

  /** PBX time of the event ({@code Timestamp:} header). */
  Instant at();
}
