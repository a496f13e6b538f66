package dev.attune.core.bus;

import java.time.Instant;

/**
 * Something a supervisor must act on ({@link Addresses#ALERTS}); {@code kind} says what ({@code commitment-overdue},
 * {@code survey-low}, {@code complaint-major}), the other fields what it is about (null where they do not apply).
 */
public record Alert(String kind, String commitmentId, String agent, String customer, Instant dueAt, String text,
                    String callId, Integer score) implements BusMessage {

  public static final String COMMITMENT_OVERDUE = "commitment-overdue";
  /** A caller rated the call at or below {@code survey.alertAtOrBelow}. */
  public static final String SURVEY_LOW = "survey-low";
  /** An agent confirmed a major complaint: the center owes the customer a reply by {@code dueAt}. */
  public static final String COMPLAINT_MAJOR = "complaint-major";

  /** A promise past its deadline. */
  public static Alert overdue(String commitmentId, String agent, String customer, Instant dueAt, String text) {
    return new Alert(COMMITMENT_OVERDUE, commitmentId, agent, customer, dueAt, text, null, null);
  }

  /** A low post-call rating. */
  public static Alert lowSurvey(String callId, String agent, String customer, int score) {
    return new Alert(SURVEY_LOW, null, agent, customer, null, null, callId, score);
  }

  /** A confirmed major complaint, with the center's reply promise ({@code commitmentId}, null without promises). */
  public static Alert majorComplaint(String callId, String commitmentId, String agent, String customer,
                                     Instant replyDueAt, String summary) {
    return new Alert(COMPLAINT_MAJOR, commitmentId, agent, customer, replyDueAt, summary, callId, null);
  }

  @Override
  public Audience audience() {
    return Audience.SUPERVISORS;
  }
}
