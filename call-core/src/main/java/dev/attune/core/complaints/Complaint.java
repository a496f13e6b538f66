package dev.attune.core.complaints;

import java.time.Instant;
import java.util.List;

/**
 * A complaint record (map {@code MapNames.COMPLAINTS}, key {@link #id}, written through), by the kinds and
 * severities of the training material (seed 000). The coach drafts one when a call carried complaint cues; the agent
 * confirms it (editing what the draft guessed) or says it was no complaint. A confirmed major one is handed to
 * supervisors with the center's reply promise ({@link #replyDueAt}, {@link #commitmentId}).
 *
 * <p>{@code category} and {@code severity} may be null on a draft the coach could not classify; a confirmed complaint
 * always has both. {@code reasons} say why the draft guessed what it did, in the call's language, with the words
 * that showed it; {@code cards} are the titles of the guidance cards the agent got on the call.
 */
public record Complaint(
    String id,
    String callId,
    String customerNumber,
    String customerName,
    String agent,
    String queue,
    String lang,
    Category category,
    Severity severity,
    String summary,
    List<Reason> reasons,
    List<String> cards,
    Status status,
    Instant draftedAt,
    Instant confirmedAt,
    String confirmedBy,
    Instant replyDueAt,
    String commitmentId,
    Instant updatedAt) {

  /** What the complaint is about (seed 000: 产品品质, 交易过程, 沟通冲突, 服务标准). */
  public enum Category { PRODUCT_QUALITY, TRANSACTION_PROCESS, COMMUNICATION_CONFLICT, SERVICE_STANDARD }

  /** How serious it is (seed 000: 重大, 有理, 无理, 轻微 投诉). */
  public enum Severity { MAJOR, JUSTIFIED, UNJUSTIFIED, MINOR }

  public enum Status { DRAFT, CONFIRMED, DISCARDED }

  /** One reason for the draft's guess: what the rule pack says it means, and the words heard ({@code said}). */
  public record Reason(String why, String said) {}

  public Complaint {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    cards = cards == null ? List.of() : List.copyOf(cards);
  }

  /** The agent's (or a supervisor's) confirmation, with what they chose. */
  public Complaint confirmed(Category c, Severity s, String text, String by, Instant now) {
    return new Complaint(id, callId, customerNumber, customerName, agent, queue, lang, c, s, text, reasons, cards,
        Status.CONFIRMED, draftedAt, now, by, replyDueAt, commitmentId, now);
  }

  /** Not a complaint after all. */
  public Complaint discarded(String by, Instant now) {
    return new Complaint(id, callId, customerNumber, customerName, agent, queue, lang, category, severity, summary,
        reasons, cards, Status.DISCARDED, draftedAt, null, by, replyDueAt, commitmentId, now);
  }

  /** A major complaint's reply promise: when the center must reply, and the promise that tracks it. */
  public Complaint withReply(Instant due, String promiseId, Instant now) {
    return new Complaint(id, callId, customerNumber, customerName, agent, queue, lang, category, severity, summary,
        reasons, cards, status, draftedAt, confirmedAt, confirmedBy, due, promiseId, now);
  }
}
