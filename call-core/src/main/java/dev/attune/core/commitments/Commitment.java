package dev.attune.core.commitments;

import java.time.Instant;

/**
 * A follow-up the agent promised a customer, as stored in IMap {@code MapNames.COMMITMENTS} (key {@link #id}).
 * Plain on purpose: the store helper maps it to a row. {@code remindedAt}/{@code escalatedAt} mark the one-shot
 * reminder and supervisor alert; {@code lateSeconds} is how late it was kept (0 when on time).
 */
public record Commitment(
    String id,
    String callId,
    String customerNumber,
    String customerName,
    String agent,
    String text,
    String lang,
    Instant madeAt,
    Instant dueAt,
    boolean dueStated,
    CommitmentStatus status,
    Instant remindedAt,
    Instant escalatedAt,
    Instant keptAt,
    String keptByCallId,
    long lateSeconds,
    String resolution,
    String reason,
    Instant updatedAt) {

  public Commitment withStatus(CommitmentStatus s, Instant now) {
    return new Commitment(id, callId, customerNumber, customerName, agent, text, lang, madeAt, dueAt, dueStated, s,
        remindedAt, escalatedAt, keptAt, keptByCallId, lateSeconds, resolution, reason, now);
  }

  public Commitment withDue(Instant due, boolean stated, Instant now) {
    return new Commitment(id, callId, customerNumber, customerName, agent, text, lang, madeAt, due, stated, status,
        remindedAt, escalatedAt, keptAt, keptByCallId, lateSeconds, resolution, reason, now);
  }

  public Commitment reminded(Instant now) {
    return new Commitment(id, callId, customerNumber, customerName, agent, text, lang, madeAt, dueAt, dueStated,
        status, now, escalatedAt, keptAt, keptByCallId, lateSeconds, resolution, reason, now);
  }

  public Commitment escalated(Instant now) {
    return new Commitment(id, callId, customerNumber, customerName, agent, text, lang, madeAt, dueAt, dueStated,
        CommitmentStatus.OVERDUE, remindedAt, now, keptAt, keptByCallId, lateSeconds, resolution, reason, now);
  }

  public Commitment kept(String byCallId, Instant now) {
    long late = Math.max(0, now.getEpochSecond() - dueAt.getEpochSecond());
    return new Commitment(id, callId, customerNumber, customerName, agent, text, lang, madeAt, dueAt, dueStated,
        CommitmentStatus.KEPT, remindedAt, escalatedAt, now, byCallId, late, "kept", reason, now);
  }

  public Commitment closed(CommitmentStatus s, String resolutionText, String why, Instant now) {
    return new Commitment(id, callId, customerNumber, customerName, agent, text, lang, madeAt, dueAt, dueStated, s,
        remindedAt, escalatedAt, keptAt, keptByCallId, lateSeconds, resolutionText, why, now);
  }
}
