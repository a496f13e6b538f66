package dev.attune.core.bus;

/**
 * Everything that crosses the event bus: immutable records in this package, one {@link BusCodec} each. Publishing
 * copies {@link #agent()}, {@link #callId()} and {@link #audience()} into delivery headers ({@link Delivery}), so the
 * web edge picks the screens a message is for without decoding it.
 */
public sealed interface BusMessage
    permits CallEventMessage, HeardSegment, SpeechFeatures, GuidanceItem, CommitmentChange, Alert, CallbackRequest,
        CallbackReply, ComplaintChange, AlertAcknowledged, SpyRequest,
        PauseRequest, AgentStatus {

  /** Who may read a message on a screen (the rule the web edge applies per socket). */
  enum Audience {
    /** Only the agent it names. */
    AGENT,
    /** The agent it names and every supervisor and admin. */
    AGENT_AND_SUPERVISORS,
    /** Supervisors and admins only. */
    SUPERVISORS
  }

  /** The agent the message concerns, or null. */
  default String agent() {
    return null;
  }

  /** The call the message concerns, or null. */
  default String callId() {
    return null;
  }

  default Audience audience() {
    return Audience.AGENT_AND_SUPERVISORS;
  }

  /** Whether this message says its call is over (listeners that only keep per-call state can drop it unread). */
  default boolean endsCall() {
    return false;
  }
}
