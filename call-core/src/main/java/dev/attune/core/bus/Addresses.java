package dev.attune.core.bus;

/** Every event-bus address in one place. Payloads are JSON ({@link Json}), never POJOs, so they cross the cluster. */
public final class Addresses {
  /** Published: every {@code CallEvent}, with the live-call snapshot after it. */
  public static final String CALL_EVENTS = "attune.calls.events";
  /** Published: speech features per call and party, about once a second. */
  public static final String SPEECH_FEATURES = "attune.assist.features";
  /** Published: transcript segments accepted for a call. */
  public static final String TRANSCRIPTS = "attune.assist.transcripts";
  /** Published: guidance items; the web edge filters them by the viewer's role and agent. */
  public static final String GUIDANCE = "attune.assist.guidance";
  /** Published: supervisor alerts (angry customer, overdue promise, AMI link down). */
  public static final String ALERTS = "attune.alerts";
  /** Published: commitment lifecycle changes. */
  public static final String COMMITMENTS = "attune.commitments";
  /** Request/reply: ask the PBX owner node to run an AMI action (originate a callback, start a tap). */
  public static final String PBX_ACTIONS = "attune.pbx.actions";

  private Addresses() {}
}
