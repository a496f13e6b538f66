package dev.attune.core.calls;

import java.time.Instant;

/**
 * A finished contact, as history keeps it and {@code GET /api/history} returns it (DESIGN.md "Interfaces").
 * Durations are whole seconds computed from PBX timestamps. {@code estimated} is true when the call was answered or
 * queued while the bridge could not see the PBX and nothing the PBX said later gave the real times: its wait and talk
 * are the bridge's best estimate. {@code agent} is the agent who answered from the queue; {@code legs} has every
 * agent rung or talking, in order, with their own talk and hold and how their part ended (a transfer names its target).
 * {@code survey} is the caller's post-call rating, null when no survey ran.
 */
public record CallRecord(
    String id,
    String caller,
    String queue,
    String agent,
    CallOutcome outcome,
    EndedBy endedBy,
    Instant startedAt,
    Instant queuedAt,
    Instant answeredAt,
    Instant endedAt,
    long waitSeconds,
    long talkSeconds,
    long holdSeconds,
    int holdCount,
    int transfers,
    String hangupCause,
    boolean estimated,
    java.util.List<AgentLeg> legs,
    SurveyResult survey) {

  public CallRecord {
    legs = legs == null ? java.util.List.of() : java.util.List.copyOf(legs); // records stored before legs had none
  }

  /** The record as the tracker writes it, with no survey: a rating is put on it by the survey's own write. */
  public CallRecord(String id, String caller, String queue, String agent, CallOutcome outcome, EndedBy endedBy,
                    Instant startedAt, Instant queuedAt, Instant answeredAt, Instant endedAt, long waitSeconds,
                    long talkSeconds, long holdSeconds, int holdCount, int transfers, String hangupCause,
                    boolean estimated, java.util.List<AgentLeg> legs) {
    this(id, caller, queue, agent, outcome, endedBy, startedAt, queuedAt, answeredAt, endedAt, waitSeconds,
        talkSeconds, holdSeconds, holdCount, transfers, hangupCause, estimated, legs, null);
  }

  public CallRecord withSurvey(SurveyResult result) {
    return new CallRecord(id, caller, queue, agent, outcome, endedBy, startedAt, queuedAt, answeredAt, endedAt,
        waitSeconds, talkSeconds, holdSeconds, holdCount, transfers, hangupCause, estimated, legs, result);
  }
}
