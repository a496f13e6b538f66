package dev.attune.core.bus;

import java.time.Instant;
import java.util.UUID;

/**
 * Something a supervisor must act on ({@link Addresses#ALERTS}); {@code kind} says what ({@code commitment-overdue},
 * {@code survey-low}, {@code complaint-major}, {@code severe-card}, {@code angry-customer}, {@code agent-escalating},
 * {@code queue-breach}, {@code ami-down}), the other fields what it is about (null where they do not apply).
 * {@code id} is given where it is raised, so every node that keeps it keeps the same one, and an acknowledgement
 * names it; {@code at} is when it was raised.
 */
public record Alert(String id, Instant at, String kind, String commitmentId, String agent, String customer,
                    Instant dueAt, String text, String callId, Integer score, String queue, Double value,
                    Double target) implements BusMessage {

  public static final String COMMITMENT_OVERDUE = "commitment-overdue";
  /** A caller rated the call at or below {@code survey.alertAtOrBelow}. */
  public static final String SURVEY_LOW = "survey-low";
  /** An agent confirmed a major complaint: the center owes the customer a reply by {@code dueAt}. */
  public static final String COMPLAINT_MAJOR = "complaint-major";
  /**
   * A queue past its target ({@code targets.*}): {@code text} says which ({@value #SERVICE_LEVEL} over the last
   * 15 minutes, or {@value #LONGEST_WAIT} now), {@code value} what it is, {@code target} what it should be.
   */
  public static final String QUEUE_BREACH = "queue-breach";
  public static final String SERVICE_LEVEL = "service-level";
  public static final String LONGEST_WAIT = "longest-wait";
  /** The AMI link to the PBX has been down a while: no calls are followed until it is back ({@code text}: the PBX). */
  public static final String AMI_DOWN = "ami-down";
  /** A card of severity SEVERE (a public threat, "calm down" to an angry customer): {@code text} is its title. */
  public static final String SEVERE_CARD = "severe-card";
  /**
   * A customer angry for a while on a live call ({@code alerts.angryCustomerSeconds}), once per call: {@code text} is
   * their angry words as they said them (null when only their raised voice showed it), {@code value} how many seconds
   * the anger has lasted.
   */
  public static final String ANGRY_CUSTOMER = "angry-customer";
  /** The agent's voice rising or speeding up with an angry customer, once per call (the first such card). */
  public static final String AGENT_ESCALATING = "agent-escalating";

  /** A promise past its deadline. */
  public static Alert overdue(Instant at, String commitmentId, String agent, String customer, Instant dueAt,
                              String text) {
    return new Alert(newId(), at, COMMITMENT_OVERDUE, commitmentId, agent, customer, dueAt, text, null, null, null, null, null);
  }

  /** A low post-call rating. */
  public static Alert lowSurvey(Instant at, String callId, String agent, String customer, int score) {
    return new Alert(newId(), at, SURVEY_LOW, null, agent, customer, null, null, callId, score, null, null, null);
  }

  /** A confirmed major complaint, with the center's reply promise ({@code commitmentId}, null without promises). */
  public static Alert majorComplaint(Instant at, String callId, String commitmentId, String agent, String customer,
                                     Instant replyDueAt, String summary) {
    return new Alert(newId(), at, COMPLAINT_MAJOR, commitmentId, agent, customer, replyDueAt, summary, callId, null, null, null, null);
  }

  /** A severe card on a live call: what the agent was shown ({@code title}) and the words that raised it. */
  public static Alert severeCard(Instant at, String callId, String agent, String customer, String title) {
    return new Alert(newId(), at, SEVERE_CARD, null, agent, customer, null, title, callId, null, null, null, null);
  }

  /** A customer angry for {@code seconds} on a live call; {@code words} null when only their voice showed it. */
  public static Alert angryCustomer(Instant at, String callId, String agent, String customer, String words,
                                    double seconds) {
    return new Alert(newId(), at, ANGRY_CUSTOMER, null, agent, customer, null, words, callId, null, null, seconds,
        null);
  }

  /** The agent on a live call was warned for rising with an angry customer. */
  public static Alert agentEscalating(Instant at, String callId, String agent, String customer) {
    return new Alert(newId(), at, AGENT_ESCALATING, null, agent, customer, null, null, callId, null, null, null, null);
  }

  /** A queue past a target: {@code measure} is {@link #SERVICE_LEVEL} or {@link #LONGEST_WAIT}. */
  public static Alert queueBreach(Instant at, String queue, String measure, double value, double target) {
    return new Alert(newId(), at, QUEUE_BREACH, null, null, null, null, measure, null, null, queue, value, target);
  }

  /** The link to {@code pbx} ({@code host:port}) is down and has not come back. */
  public static Alert amiDown(Instant at, String pbx) {
    return new Alert(newId(), at, AMI_DOWN, null, null, null, null, pbx, null, null, null, null, null);
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  @Override
  public Audience audience() {
    return Audience.SUPERVISORS;
  }
}
