package dev.attune.core.metrics;

/**
 * Meter names, in Micrometer dot form; Prometheus sees them with underscores and unit suffixes
 * ({@code callcenter.queue.wait} → {@code callcenter_queue_wait_seconds_bucket}). Dashboards and alert rules
 * in {@code dashboards/} depend on these exact names.
 */
public final class MetricNames {
  public static final String CALLS_OFFERED = "callcenter.calls.offered";
  public static final String CALLS_ANSWERED = "callcenter.calls.answered";
  public static final String CALLS_ABANDONED = "callcenter.calls.abandoned";
  public static final String CALLS_ENDED = "callcenter.calls.ended";
  /** Timer, tags queue and outcome (answered|abandoned); SLO buckets = metrics.serviceLevelSeconds. */
  public static final String QUEUE_WAIT = "callcenter.queue.wait";
  public static final String CALL_TALK = "callcenter.call.talk";
  public static final String CALL_HOLD = "callcenter.call.hold";
  public static final String CALL_HANDLE = "callcenter.call.handle";
  public static final String CALLS_LIVE = "callcenter.calls.live";
  public static final String QUEUE_WAITING = "callcenter.queue.calls.waiting";
  public static final String QUEUE_OLDEST_WAIT = "callcenter.queue.oldest.wait";
  public static final String AMI_CONNECTED = "attune.ami.connected";
  public static final String AMI_EVENTS = "attune.ami.events";
  public static final String AMI_UNKNOWN = "attune.ami.unknown";
  public static final String AMI_UNKNOWN_FIELDS = "attune.ami.unknown.fields";
  public static final String AMI_MALFORMED = "attune.ami.malformed";
  public static final String AMI_RESYNCS = "attune.ami.resyncs";
  public static final String AUDIO_FRAMES = "attune.audio.frames";
  public static final String AUDIO_BAD_STREAMS = "attune.audio.bad.streams";
  /** Counter, tag reason: FastAGI connections closed because their request head was not a FastAGI request. */
  public static final String AGI_REFUSED = "attune.agi.refused";
  public static final String CONNECTIONS_REFUSED = "attune.connections.refused";
  /** Counter, tags kind, severity, category. */
  public static final String GUIDANCE_ITEMS = "attune.guidance.items";
  /** Counter, tags category and verdict (helpful, wrong, dismissed): agents' verdicts on cards. */
  public static final String GUIDANCE_FEEDBACK = "attune.guidance.feedback";
  public static final String TRANSCRIPT_SEGMENTS = "attune.transcript.segments";
  /** Counter: utterances the sentence model had no room for (its queue was full): they got the phrase rules only. */
  public static final String RECALL_SHED = "attune.guidance.recall.shed";
  /** Timer: one utterance through the sentence model, queue wait excluded. */
  public static final String RECALL_TIME = "attune.guidance.recall.time";
  /** Gauge: utterances waiting for a sentence-model worker. */
  public static final String RECALL_QUEUED = "attune.guidance.recall.queued";
  /** Gauge: 1 once the sentence models are loaded and the packs' examples embedded (until then: rules only). */
  public static final String RECALL_READY = "attune.guidance.recall.ready";
  public static final String COMMITMENTS_OPENED = "callcenter.commitments.opened";
  public static final String COMMITMENTS_KEPT = "callcenter.commitments.kept";
  public static final String COMMITMENTS_OVERDUE = "callcenter.commitments.overdue";
  public static final String COMMITMENT_LATENESS = "callcenter.commitments.lateness";
  /** Counter, tags queue and score (1-5, or none: the caller hung up or pressed nothing usable). */
  public static final String SURVEY_ANSWERS = "callcenter.survey.answers";
  /** Counter, tags queue, category and severity: complaint records agents confirmed. */
  public static final String COMPLAINTS = "callcenter.complaints";
  /** Gauge: browser WebSockets connected to this node. */
  public static final String WEB_SOCKETS = "attune.web.sockets";
  /** Counter: frames not pushed because a browser's socket could not keep up. */
  public static final String WEB_FRAMES_DROPPED = "attune.web.frames.dropped";
  /** Counter: inbound WebSocket frames refused as malformed. */
  public static final String WEB_INBOUND_REJECTED = "attune.web.inbound.rejected";

  private MetricNames() {}
}
