package dev.attune.bridge.calls;

import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.EndedBy;
import dev.attune.core.calls.LiveCall;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The mutable aggregate of one customer contact while the tracker owns it. Only {@link CallTracker} touches it,
 * on one thread; the rest of the system sees immutable {@link LiveCall} snapshots and the final {@link CallRecord}.
 */
final class TrackedCall {
  final String id;
  String linkedid;
  String caller = "";
  String callerName = "";
  Direction direction = Direction.INBOUND;
  boolean offered;
  String queue;
  int position;
  String agent;
  String answeringAgent;
  String customerUniqueid;
  String agentUniqueid;
  CallState state = CallState.OFFERED;
  Instant offeredAt;
  Instant queuedAt;
  Instant leftQueueAt;
  Instant answeredAt;
  Instant heldSince;
  long holdMillis;
  int holdCount;
  int transfers;
  boolean transferPending;
  /** The agent who handed the customer on in an attended transfer whose target joins later; null otherwise. */
  String attendedTransferFrom;
  /** The bridge the customer talks in: an attended transfer's target joins it. */
  String customerBridge;
  boolean abandoned;
  Long reportedWaitSeconds;
  Instant conversationEndedAt;
  EndedBy endedBy;
  EndedBy reportedEndedBy;
  /** Whose channel first asked to hang up (HangupRequest: the far end sent BYE), customer or talking agent. */
  EndedBy firstHangupRequest;
  String hangupCause;
  Instant lastHangupAt;
  Instant lastEventAt;
  boolean outage;
  /** The answer happened while the link was down: {@link #answeredAt} is a resync's estimate until AgentComplete. */
  boolean answerEstimated;
  /** The queue entry happened while the link was down: {@link #queuedAt} is an estimate until AgentComplete. */
  boolean queueEstimated;
  /** A CallAnswered for an answer found in a resync went out (it waits until both voices are known). */
  boolean answerAnnounced;
  /** Started from an agent's own device (a consult call before an attended transfer): not a customer contact. */
  boolean internal;
  /** Each agent's part: rung, answered, talk, hold, how it ended. */
  final AgentLegs legs = new AgentLegs();
  final Set<String> liveChannels = new HashSet<>();
  final Set<String> ringingAgents = new HashSet<>();
  /** Hangup time per channel Uniqueid. */
  final java.util.Map<String, Instant> hangups = new java.util.HashMap<>();

  TrackedCall(String id, String linkedid, Instant at) {
    this.id = id;
    this.linkedid = linkedid;
    this.offeredAt = at;
    this.lastEventAt = at;
  }

  /**
   * Decides, once all channels are gone, when the conversation ended and who ended it: the earlier Hangup of the
   * customer and of the agent talking to them at the end (after a transfer, the target). AgentComplete's Reason,
   * when the queue reported one and no transfer happened, is Asterisk's own word and wins.
   */
  void judgeEnd(boolean hangupRequestsSeen) {
    Instant customerAt = customerUniqueid == null ? null : hangups.get(customerUniqueid);
    Instant agentAt = agentUniqueid == null ? null : hangups.get(agentUniqueid);
    if (answeredAt != null && conversationEndedAt == null) {
      if (customerAt != null && (agentAt == null || !agentAt.isBefore(customerAt))) {
        conversationEndedAt = customerAt;
        endedBy = EndedBy.CUSTOMER;
      } else if (agentAt != null) {
        conversationEndedAt = agentAt;
        endedBy = EndedBy.AGENT;
      }
    } else if (answeredAt == null && customerAt != null && endedBy == null) {
      endedBy = EndedBy.CUSTOMER;
    }
    if (transfers > 0) {
      reportedEndedBy = null;
    }
    if (firstHangupRequest != null) {
      endedBy = firstHangupRequest; // a party's own BYE is the plainest evidence there is
      reportedEndedBy = null;
    } else if (hangupRequestsSeen && !outage && customerUniqueid != null && hangups.containsKey(customerUniqueid)) {
      endedBy = EndedBy.PBX; // the caller's line was cleared by the PBX (failed Queue(), end of dialplan), not by a BYE
      reportedEndedBy = null;
    }
  }

  /** Whole seconds waited in the queue until {@code at}, or what the PBX reported when we did not see the entry. */
  long waitSoFar(Instant at) {
    if (queuedAt != null) {
      return seconds(queuedAt, at);
    }
    return reportedWaitSeconds == null ? 0 : reportedWaitSeconds;
  }

  LiveCall snapshot() {
    long hold = holdMillis / 1000;
    return new LiveCall(id, linkedid, caller, callerName, direction, queue, agent, state, offeredAt, queuedAt,
        answeredAt, heldSince, hold, holdCount, transfers, lastEventAt);
  }

  CallOutcome outcome() {
    if (outage && answeredAt == null && !abandoned) {
      return CallOutcome.ENDED_DURING_OUTAGE;
    }
    if (abandoned) {
      return CallOutcome.ABANDONED;
    }
    if (answeredAt != null) {
      return transfers > 0 ? CallOutcome.TRANSFERRED : CallOutcome.ANSWERED;
    }
    if (outage) {
      return CallOutcome.ENDED_DURING_OUTAGE;
    }
    if (leftQueueAt != null) {
      return CallOutcome.TIMED_OUT;
    }
    if (queuedAt != null) {
      return CallOutcome.ABANDONED; // hung up in the queue without the PBX reporting an abandon
    }
    return CallOutcome.FAILED;
  }

  CallRecord record(Instant endedAt) {
    Instant convEnd = conversationEndedAt != null ? conversationEndedAt : endedAt;
    long wait;
    if (queuedAt != null) {
      Instant waitEnd = answeredAt != null ? answeredAt : leftQueueAt != null ? leftQueueAt : endedAt;
      wait = seconds(queuedAt, waitEnd);
    } else {
      wait = reportedWaitSeconds != null ? reportedWaitSeconds : 0; // joined while we could not see the PBX
    }
    long talk = answeredAt == null ? 0 : seconds(answeredAt, convEnd);
    long hold = Math.round(holdMillis / 1000.0);
    EndedBy by = reportedEndedBy != null ? reportedEndedBy : endedBy != null ? endedBy
        : outage ? EndedBy.UNKNOWN : EndedBy.CUSTOMER;
    return new CallRecord(id, caller, queue, answeringAgent, outcome(), by, offeredAt, queuedAt, answeredAt, endedAt,
        wait, talk, hold, holdCount, transfers, hangupCause, answerEstimated || queueEstimated,
        legs.finish(answeredAt == null ? null : convEnd));
  }

  private static long seconds(Instant from, Instant to) {
    if (from == null || to == null || to.isBefore(from)) {
      return 0;
    }
    return Math.round(Duration.between(from, to).toMillis() / 1000.0);
  }
}
