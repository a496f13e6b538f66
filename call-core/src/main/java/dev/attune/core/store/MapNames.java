package dev.attune.core.store;

/** Names of the shared Hazelcast structures, in one place. */
public final class MapNames {
  /** Live calls, key {@code systemname:linkedid}; in memory with one backup. */
  public static final String LIVE_CALLS = "calls.live";
  /** {@code systemname:uniqueid} → call id; follows Linkedid changes when channels join a bridge. */
  public static final String CHANNEL_INDEX = "calls.channels";
  /** Ended calls, key call id; written through to the database. */
  public static final String CALL_HISTORY = "calls.history";
  /** Customer profiles, key the customer's number; written through. */
  public static final String CUSTOMERS = "customers";
  /** Callback promises, key commitment id; written through. */
  public static final String COMMITMENTS = "commitments";
  /** Changes administrators made to customer profiles, key change id; written through. */
  public static final String PROFILE_CHANGES = "customers.changes";
  /** Guidance cards shown to agents and their verdicts, key card id; written through. */
  public static final String GUIDANCE_CARDS = "guidance.cards";
  /**
   * Post-call survey results, key call id, kept a day: where a rating waits for its call's record when the caller
   * rated before the record was written (the record and the profile keep it for good).
   */
  public static final String SURVEYS = "calls.surveys";
  /** Complaint records (drafted, confirmed, discarded), key complaint id; written through, read by customer and period. */
  public static final String COMPLAINTS = "complaints";
  /** Alerts kept for supervisors, key alert id; written through, read by period. */
  public static final String ALERTS = "alerts";
  /** Supervisors' listen / whisper / barge uses, key use id; written through, read by period (admins). */
  public static final String SUPERVISION = "supervision";
  /** Agents' standing in the queues ({@code AgentStatus}), key the agent's interface; in memory, the PBX resyncs it. */
  public static final String AGENT_STATUS = "agents.status";
  /** Each queue's last hour for the wallboard's trend lines ({@code QueueTrend}), key the queue; in memory. */
  public static final String QUEUE_TRENDS = "queues.trends";
  /** Audio tap UUID → (call, party). */
  public static final String AUDIO_TAPS = "assist.taps";
  /** Locks that elect the one member doing a job cluster-wide (AMI per PBX, reminders). */
  public static final String OWNERSHIP_LOCKS = "attune.ownership";

  private MapNames() {}
}
