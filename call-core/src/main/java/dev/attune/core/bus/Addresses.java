package dev.attune.core.bus;

/**
 * Every event-bus address in one place, with the record it carries ({@link BusMessage}; as JSON between members,
 * {@link BusCodec}). Listen through {@link Bus}, which decodes once per node.
 */
public final class Addresses {
  /** Published {@link CallEventMessage}: every {@code CallEvent}, with the live-call snapshot after it. */
  public static final String CALL_EVENTS = "attune.calls.events";
  /** Published {@link SpeechFeatures}: per call and party, about once a second. */
  public static final String SPEECH_FEATURES = "attune.assist.features";
  /** Published {@link HeardSegment}: transcript segments accepted for a call. */
  public static final String TRANSCRIPTS = "attune.assist.transcripts";
  /** Published {@link GuidanceItem}: cards; the web edge filters them by the viewer's role and agent. */
  public static final String GUIDANCE = "attune.assist.guidance";
  /** Published {@link Alert}: what a supervisor must act on (an overdue promise). */
  public static final String ALERTS = "attune.alerts";
  /** Published {@link CommitmentChange}: a promise moved on. */
  public static final String COMMITMENTS = "attune.commitments";
  /** Published {@link AlertAcknowledged}: a supervisor acknowledged an alert. */
  public static final String ALERT_ACKS = "attune.alerts.acks";
  /** Published {@link ComplaintChange}: a complaint record was drafted, confirmed or discarded. */
  public static final String COMPLAINTS = "attune.complaints";
  /** Request/reply {@link CallbackRequest} → {@link CallbackReply}: the AMI owner places a callback. */
  public static final String PBX_ACTIONS = "attune.pbx.actions";
  /** Request/reply {@link PauseRequest} → {@link CallbackReply}: the AMI owner pauses or resumes an agent. */
  public static final String PBX_PAUSE = "attune.pbx.pause";
  /** Published {@link AgentStatus}: an agent logged in or out, paused or resumed. */
  public static final String AGENT_STATUS = "attune.agents.status";
  /** Request/reply {@link SpyRequest} → {@link CallbackReply}: the AMI owner joins a supervisor to a call. */
  public static final String PBX_SPY = "attune.pbx.spy";

  private Addresses() {}
}
