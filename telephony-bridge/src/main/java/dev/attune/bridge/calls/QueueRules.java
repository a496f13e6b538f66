package dev.attune.bridge.calls;

import static dev.attune.bridge.calls.CallBook.agentOf;
import static dev.attune.bridge.calls.CallBook.interfaceOf;
import dev.attune.core.calls.AgentRingEnded;
import dev.attune.core.calls.AgentRinging;
import dev.attune.core.calls.CallAbandoned;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.CallQueued;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.EndedBy;
import dev.attune.core.calls.RingResult;
import java.time.Duration;
import java.time.Instant;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;

/**
 * The lifecycle rules of app_queue: a caller joins, waits, is offered to agents (each ring and how it ended), is
 * answered or abandons or times out. {@code AgentComplete} is app_queue's own account of the conversation and corrects
 * what the bridge could not see.
 */
final class QueueRules {
  private final CallBook book;

  QueueRules(CallBook book) {
    this.book = book;
  }

  void onQueueJoin(QueueCallerJoinEvent e, Instant at) {
    TrackedCall call = book.callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    if (call == null) {
      return;
    }
    book.ensureOffered(call, at);
    call.queue = e.getQueue();
    call.position = e.getPosition() == null ? 0 : e.getPosition();
    if (call.queuedAt == null) {
      call.queuedAt = at;
    }
    if (call.answeredAt == null) {
      call.state = CallState.QUEUED;
    }
    call.lastEventAt = at;
    book.emit(call, new CallQueued(call.id, at, call.queue, call.position, call.caller));
  }

  void onQueueLeave(QueueCallerLeaveEvent e, Instant at) {
    TrackedCall call = book.callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    if (call != null && call.leftQueueAt == null) {
      call.leftQueueAt = at; // also fires on answer, just before AgentConnect: judged at the end
      call.lastEventAt = at;
    }
  }

  void onAbandon(QueueCallerAbandonEvent e, Instant at) {
    TrackedCall call = book.callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    if (call == null || call.abandoned) {
      return;
    }
    call.abandoned = true;
    if (call.leftQueueAt == null || call.leftQueueAt.isAfter(at)) {
      call.leftQueueAt = at;
    }
    if (e.getHoldTime() != null) {
      call.reportedWaitSeconds = e.getHoldTime().longValue();
    }
    call.lastEventAt = at;
    long wait = call.queuedAt != null ? Math.round(Duration.between(call.queuedAt, at).toMillis() / 1000.0)
        : call.reportedWaitSeconds == null ? 0 : call.reportedWaitSeconds;
    book.emit(call, new CallAbandoned(call.id, at, call.queue, wait));
  }

  void onAgentCalled(AgentCalledEvent e, Instant at) {
    TrackedCall call = book.callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    if (call == null) {
      return;
    }
    book.markAgentLeg(e.getDestUniqueId());
    String agent = e.getInterface() != null ? e.getInterface() : interfaceOf(e.getDestChannel());
    book.agentDevices.add(agent);
    book.agentDevices.add(interfaceOf(e.getDestChannel()));
    if (call.answeredAt == null) {
      call.state = CallState.RINGING;
    }
    call.ringingAgents.add(e.getDestUniqueId());
    call.legs.rung(e.getDestUniqueId(), agent, at);
    call.lastEventAt = at;
    book.emit(call, new AgentRinging(call.id, at, agent, e.getQueue()));
  }

  void onRingNoAnswer(AgentRingNoAnswerEvent e, Instant at) {
    TrackedCall call = book.callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    if (call == null || !call.ringingAgents.remove(e.getDestUniqueId())) {
      return;
    }
    call.legs.ringEnded(e.getDestUniqueId(), RingResult.NO_ANSWER);
    long ringMillis = e.getRingtime() == null ? 0 : e.getRingtime(); // milliseconds here, unlike AgentConnect
    book.emit(call, new AgentRingEnded(call.id, at, agentOf(e.getInterface(), e.getDestChannel()),
        RingResult.NO_ANSWER, ringMillis));
    if (call.answeredAt == null && call.queuedAt != null) {
      call.state = CallState.QUEUED;
    }
  }

  void onAgentConnect(AgentConnectEvent e, Instant at) {
    TrackedCall call = book.callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    if (call == null) {
      call = book.callOf(e.getDestUniqueId(), e.getDestLinkedId(), e.getSystemName(), at);
    }
    if (call == null || call.answeredAt != null) {
      return;
    }
    book.ensureOffered(call, at);
    call.ringingAgents.remove(e.getDestUniqueId());
    book.markAgentLeg(e.getDestUniqueId());
    call.agentUniqueid = e.getDestUniqueId();
    call.agent = agentOf(e.getInterface(), e.getDestChannel());
    call.answeringAgent = call.agent;
    call.answeredAt = at;
    call.legs.answered(e.getDestUniqueId(), call.agent, at);
    if (call.queue == null) {
      call.queue = e.getQueue();
    }
    if (call.queuedAt == null && e.getHoldTime() != null) {
      call.reportedWaitSeconds = e.getHoldTime();
    }
    call.state = CallState.ANSWERED;
    call.lastEventAt = at;
    long wait = call.queuedAt != null ? Math.round(Duration.between(call.queuedAt, at).toMillis() / 1000.0)
        : call.reportedWaitSeconds == null ? 0 : call.reportedWaitSeconds;
    book.emit(call, new CallAnswered(call.id, at, call.agent, call.queue, wait));
  }

  /**
   * app_queue reports AgentConnect before it bridges the agent with the caller; an agent leg entering the caller's
   * bridge of a call not yet answered means that AgentConnect was lost with a dropped link. The bridge time is the
   * answer time to within milliseconds; AgentComplete confirms it at the end.
   */
  void onBridgeEnter(BridgeEnterEvent e, Instant at) {
    CallBook.Channel ch = e.getUniqueId() == null ? null : book.channels.get(e.getUniqueId());
    TrackedCall call = ch == null ? null : book.calls.get(ch.callId);
    if (call == null || !ch.agentLeg || ch.hungUp || call.answeredAt != null || call.internal
        || (call.customerBridge != null && !call.customerBridge.equals(e.getBridgeUniqueId()))) {
      return;
    }
    call.lastEventAt = at;
    book.answerFoundLate(call, ch, at);
  }

  void onAgentComplete(AgentCompleteEvent e, Instant at) {
    // Without the caller block when the caller's Hangup won the race: close from DestLinkedid.
    TrackedCall call = e.getUniqueId() != null ? book.callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at) : null;
    if (call == null) {
      call = book.callOf(e.getDestUniqueId(), e.getDestLinkedId(), e.getSystemName(), at);
    }
    if (call == null) {
      return;
    }
    correctFromAgentComplete(call, e, at);
    String reason = e.getReason() == null ? "" : e.getReason();
    if (!call.transferPending && call.transfers == 0) {
      call.reportedEndedBy = switch (reason) {
        case "caller" -> EndedBy.CUSTOMER;
        case "agent" -> EndedBy.AGENT;
        default -> call.reportedEndedBy;
      };
    }
  }

  /**
   * AgentComplete is app_queue's own account of the conversation (HoldTime: the queue wait, TalkTime: since the
   * answer, both whole seconds). When we did not see the answer (the link was down) it gives the real times; when we
   * never saw the call answered at all, it is the proof that it was.
   */
  private void correctFromAgentComplete(TrackedCall call, AgentCompleteEvent e, Instant at) {
    // after a transfer too: app_queue only reports on its own leg, so TalkTime dates the first answer
    if (call.internal || e.getTalkTime() == null
        || (call.answeredAt != null && !call.answerEstimated)) {
      return;
    }
    boolean unseen = call.answeredAt == null;
    Instant answered = at.minusSeconds(e.getTalkTime());
    call.answeredAt = answered;
    call.answerEstimated = false;
    if (call.agent == null) {
      call.agent = agentOf(e.getInterface(), e.getDestChannel());
      call.answeringAgent = call.agent;
      call.agentUniqueid = e.getDestUniqueId();
    }
    call.legs.answeredAt(e.getDestUniqueId(), agentOf(e.getInterface(), e.getDestChannel()), answered);
    if (call.queue == null) {
      call.queue = e.getQueue();
    }
    if (e.getHoldTime() != null) {
      call.reportedWaitSeconds = e.getHoldTime();
      if (call.queuedAt == null || call.queueEstimated) {
        call.queuedAt = answered.minusSeconds(e.getHoldTime());
        call.queueEstimated = false;
      }
    }
    if (unseen || !call.answerAnnounced && call.customerUniqueid != null) {
      book.announceAnswer(call);
    }
  }
}
