package dev.attune.core.bus;

import java.time.Instant;

/**
 * Something a supervisor must act on ({@link Addresses#ALERTS}); {@code kind} says what ({@code commitment-overdue},
 * {@code survey-low}), the other fields what it is about (null where they do not apply).
 */
public record Alert(String kind, String commitmentId, String agent, String customer, Instant dueAt, String text,
                    String callId, Integer score) implements BusMessage {

  public static final String COMMITMENT_OVERDUE = "commitment-overdue";
  /** A caller rated the call at or below {@code survey.alertAtOrBelow}. */
  public static final String SURVEY_LOW = "survey-low";

  /** A promise past its deadline. */
  public static Alert overdue(String commitmentId, String agent, String customer, Instant dueAt, String text) {
    return new Alert(COMMITMENT_OVERDUE, commitmentId, agent, customer, dueAt, text, null, null);
  }

  /** A low post-call rating. */
  public static Alert lowSurvey(String callId, String agent, String customer, int score) {
    return new Alert(SURVEY_LOW, null, agent, customer, null, null, callId, score);
  }

  @Override
  public Audience audience() {
    return Audience.SUPERVISORS;
  }
}
