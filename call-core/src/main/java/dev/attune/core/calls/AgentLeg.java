package dev.attune.core.calls;

import java.time.Instant;

/**
 * One agent's part in a call: rung, answered or not, talked and held, and how their part ended. A call keeps one leg
 * per agent device rung or talking, in the order they were rung; {@code transferredTo} names the extension or device
 * the agent handed the customer to.
 *
 * @param ring how ringing ended ({@code ANSWERED} when they took the call; null for a leg still ringing at the end)
 * @param end {@code HUNG_UP} when the agent's part ended with a hang-up (theirs or the customer's), a transfer kind
 *     when they handed the customer on, null when they never talked
 */
public record AgentLeg(String agent, Instant rungAt, RingResult ring, Instant answeredAt, Instant endedAt,
                       long talkSeconds, long holdSeconds, End end, String transferredTo) {

  /** How a talking agent's part ended. */
  public enum End { HUNG_UP, TRANSFERRED_BLIND, TRANSFERRED_ATTENDED }
}
