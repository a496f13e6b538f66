package dev.attune.bridge.calls;

import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.AgentLeg;
import dev.attune.core.calls.AgentRingEnded;
import dev.attune.core.calls.AgentRinging;
import dev.attune.core.calls.CallAbandoned;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallEvent;
import dev.attune.core.calls.CallHeld;
import dev.attune.core.calls.CallOffered;
import dev.attune.core.calls.CallQueued;
import dev.attune.core.calls.CallResumed;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.CallTransferred;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.EndedBy;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.calls.RingResult;
import dev.attune.core.calls.TransferKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.AttendedTransferEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.HoldEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.UnholdEvent;

/**
 * Turns raw AMI events into one clean lifecycle per customer contact. It is plain Java owned by one thread
 * (the bridge's Vert.x context), so it can be driven from tests event by event.
 *
 * <p>A call is keyed {@code systemname:linkedid}; every channel we see is indexed by Uniqueid, and re-pointed when an
 * event shows it with a new Linkedid (channels joining a bridge take the oldest Linkedid). Cross-channel order is not
 * guaranteed by Asterisk, so facts are recorded as they arrive and judged only when the call ends: a call whose last
 * channel hung up is closed after a short grace ({@link #closeQuietCalls}), which absorbs the AgentComplete or
 * BridgeLeave that lost the race to the Hangup.
 */
public final class CallTracker {
  private final String defaultSystemName;
  private final Consumer<CallEventMessage> out;
  private final Map<String, TrackedCall> calls = new HashMap<>();
  private final Map<String, Channel> channels = new HashMap<>();
  /** Calls already closed, so a late event cannot resurrect them. Bounded. */
  private final Set<String> closed = new LinkedHashSet<>();
  /** Devices the queues have rung: a call that starts on one of them is an agent's own call, not a customer's. */
  private final Set<String> agentDevices = new java.util.HashSet<>();
  /**
   * This PBX reports HangupRequest (Asterisk does; a source that never sends one cannot tell a party's hang-up from
   * the PBX's, and keeps the Hangup-order rule).
   */
  private boolean hangupRequestsSeen;
  /** Live calls inherited from the cluster map, waiting for the resync to confirm or end them. */
  private final Map<String, LiveCall> seeded = new HashMap<>();

  /** What we know of one PBX channel. */
  private static final class Channel {
    final String uniqueid;
    final String name;
    String callId;
    boolean agentLeg;
    boolean hungUp;

    Channel(String uniqueid, String name, String callId) {
      this.uniqueid = uniqueid;
      this.name = name;
      this.callId = callId;
    }
  }

  public CallTracker(String defaultSystemName, Consumer<CallEventMessage> out) {
    this.defaultSystemName = defaultSystemName == null || defaultSystemName.isBlank() ? "pbx" : defaultSystemName;
    this.out = out;
  }

  /** Feeds one AMI event; call events come out through the consumer given at construction. */
  public void accept(ManagerEvent event) {
    Instant at = timeOf(event);
    if (event instanceof NewChannelEvent e) {
      onNewChannel(e, at);
    } else if (event instanceof NewStateEvent e) {
      onNewState(e, at);
    } else if (event instanceof QueueCallerJoinEvent e) {
      onQueueJoin(e, at);
    } else if (event instanceof QueueCallerLeaveEvent e) {
      onQueueLeave(e, at);
    } else if (event instanceof QueueCallerAbandonEvent e) {
      onAbandon(e, at);
    } else if (event instanceof AgentCalledEvent e) {
      onAgentCalled(e, at);
    } else if (event instanceof AgentRingNoAnswerEvent e) {
      onRingNoAnswer(e, at);
    } else if (event instanceof DialBeginEvent e) {
      onDialBegin(e, at);
    } else if (event instanceof DialEndEvent e) {
      onDialEnd(e, at);
    } else if (event instanceof AgentConnectEvent e) {
      onAgentConnect(e, at);
    } else if (event instanceof AgentCompleteEvent e) {
      onAgentComplete(e, at);
    } else if (event instanceof HoldEvent e) {
      onHold(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    } else if (event instanceof UnholdEvent e) {
      onUnhold(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    } else if (event instanceof BlindTransferEvent e) {
      onBlindTransfer(e, at);
    } else if (event instanceof AttendedTransferEvent e) {
      onAttendedTransfer(e, at);
    } else if (event instanceof BridgeEnterEvent e) {
      onBridgeEnter(e, at);
    } else if (event instanceof HangupRequestEvent e) {
      onHangupRequest(e, at);
    } else if (event instanceof HangupEvent e) {
      onHangup(e, at);
    }
  }

  /** Live calls as they stand now. */
  public Collection<LiveCall> liveCalls() {
    return calls.values().stream().map(TrackedCall::snapshot).toList();
  }

  public int size() {
    return calls.size();
  }

  /** The channels a live call's voices come from (what an audio tap spies on); a part is null while unknown. */
  public record Legs(String customerUniqueid, String agentUniqueid) {}

  /** The legs of a live call, or null when the call is not tracked (ended, or never seen). */
  public Legs legsOf(String callId) {
    TrackedCall call = calls.get(callId);
    return call == null ? null : new Legs(call.customerUniqueid, call.agentUniqueid);
  }

  /** Uniqueids of channels we believe are up, for reconciliation after a resync. */
  public Set<String> liveChannelIds() {
    Set<String> ids = new LinkedHashSet<>();
    channels.values().stream().filter(c -> !c.hungUp).forEach(c -> ids.add(c.uniqueid));
    return ids;
  }

  /**
   * Closes calls whose channels have all hung up at least {@code grace} before {@code now} (PBX time).
   * @return how many calls were closed
   */
  public int closeQuietCalls(Instant now, Duration grace) {
    List<TrackedCall> done = new ArrayList<>();
    for (TrackedCall call : calls.values()) {
      if (call.liveChannels.isEmpty() && call.lastHangupAt != null
          && !call.lastHangupAt.plus(grace).isAfter(now)) {
        done.add(call);
      }
    }
    done.forEach(this::close);
    return done.size();
  }

  /**
   * After a resync: channels the PBX no longer has ended while we could not see them. Their calls end with
   * ENDED_DURING_OUTAGE unless what we saw already decides the outcome.
   */
  public void reconcile(Set<String> channelsOnPbx, Instant now) {
    reconcile(channelsOnPbx, Set.copyOf(channels.keySet()), now);
  }

  /**
   * As {@link #reconcile(Set, Instant)}, judging only {@code candidates}: the channels known when the list was taken
   * (one that began after it is rightly missing from it).
   */
  public void reconcile(Set<String> channelsOnPbx, Set<String> candidates, Instant now) {
    for (Channel ch : List.copyOf(channels.values())) {
      if (!ch.hungUp && candidates.contains(ch.uniqueid) && !channelsOnPbx.contains(ch.uniqueid)) {
        TrackedCall call = calls.get(ch.callId);
        ch.hungUp = true;
        if (call != null) {
          call.liveChannels.remove(ch.uniqueid);
          call.outage = true;
          call.lastHangupAt = now;
          if (call.conversationEndedAt == null && call.answeredAt != null) {
            call.conversationEndedAt = now;
          }
        }
      }
    }
    // every call with no channel left is done: the events held during the list (stragglers included) are applied by
    // now, and the PBX confirmed it has none of its channels
    calls.values().stream().filter(call -> call.liveChannels.isEmpty()).toList().forEach(this::close);
  }

  /**
   * A channel the PBX reports in a resync that we never saw (it started while the link was down).
   * {@code application} is the dialplan application (Queue, AppQueue (Outgoing Line), Dial...).
   */
  public void adoptChannel(String systemName, String uniqueid, String linkedid, String name, String callerNum,
                           String callerName, String application, String applicationData, boolean bridged,
                           Instant startedAt) {
    if (isTap(name, uniqueid)) {
      return;
    }
    if (channels.containsKey(uniqueid)) {
      correctKnown(channels.get(uniqueid), application, bridged, startedAt);
      return;
    }
    String callId = callId(systemName, linkedid);
    if (closed.contains(callId)) {
      return; // its record is written; a straggler channel must not open the call a second time
    }
    boolean agentDevice = agentDevices.contains(interfaceOf(name));
    TrackedCall call = calls.get(callId);
    if (call == null) {
      call = new TrackedCall(callId, linkedid, startedAt);
      calls.put(callId, call);
      LiveCall known = seeded.get(callId);
      if (known != null) {
        restore(call, known);
        call.offered = true; // announced by the previous owner
      } else {
        call.internal = agentDevice; // as on Newchannel: an agent's own call is a consult until a customer joins
      }
    }
    if (!agentDevice) {
      call.internal = false; // a customer's line is on it (a queued call, a callback): a contact after all
    }
    Channel ch = new Channel(uniqueid, name, callId);
    channels.put(uniqueid, ch);
    call.liveChannels.add(uniqueid);
    boolean agentLeg = application != null && application.startsWith("AppQueue");
    if (agentLeg) {
      ch.agentLeg = true;
      if (bridged && call.answeredAt == null) {
        // the agent's leg is created when it starts ringing: its age bounds the answer time from below only
        answeredWhileAway(call, ch, startedAt);
      } else if (bridged) { // answered as the previous owner saw it: this leg is who talks now
        call.agentUniqueid = uniqueid;
        call.agent = interfaceOf(name);
        call.answeringAgent = call.answeringAgent == null ? call.agent : call.answeringAgent;
        call.legs.answered(uniqueid, call.agent, call.answeredAt);
        call.state = call.heldSince != null ? CallState.HELD : CallState.ANSWERED;
      }
    } else if (uniqueid.equals(linkedid)) {
      call.customerUniqueid = uniqueid;
      call.caller = clean(callerNum);
      call.callerName = clean(callerName);
      if ("Queue".equalsIgnoreCase(application)) {
        call.queue = applicationData == null ? null : applicationData.split(",")[0];
        if (!bridged) {
          call.state = CallState.QUEUED;
        } else if (call.queuedAt == null) {
          call.queueEstimated = true; // joined and left the queue while we could not see: AgentComplete tells the wait
        }
      }
    }
    ensureOffered(call, startedAt);
    announceAnswerFoundInResync(call);
  }

  /**
   * A channel we knew before the link dropped, as the PBX lists it now. A queue's agent leg that is bridged was
   * answered while we could not see it (the AgentConnect was lost): the call is answered now, with an estimated answer
   * time that AgentComplete's TalkTime corrects at the end.
   */
  private void correctKnown(Channel ch, String application, boolean bridged, Instant startedAt) {
    TrackedCall call = calls.get(ch.callId);
    boolean agentLeg = ch.agentLeg || (application != null && application.startsWith("AppQueue"));
    if (call == null || ch.hungUp || !agentLeg || !bridged || call.answeredAt != null || call.internal) {
      return;
    }
    ch.agentLeg = true;
    // it rang no earlier than our last sight of the call, and was answered after that
    Instant estimate = call.lastEventAt != null && call.lastEventAt.isAfter(startedAt) ? call.lastEventAt : startedAt;
    answeredWhileAway(call, ch, estimate);
  }

  /** Marks a call answered by an agent leg the resync found bridged, and tells everyone (screens, taps, metrics). */
  private void answeredWhileAway(TrackedCall call, Channel agentLeg, Instant estimate) {
    call.ringingAgents.remove(agentLeg.uniqueid);
    call.agentUniqueid = agentLeg.uniqueid;
    call.agent = interfaceOf(agentLeg.name);
    call.answeringAgent = call.answeringAgent == null ? call.agent : call.answeringAgent;
    call.answeredAt = estimate;
    call.answerEstimated = true;
    call.legs.answered(agentLeg.uniqueid, call.agent, estimate);
    call.state = CallState.ANSWERED;
    announceAnswerFoundInResync(call);
  }

  /**
   * Screens, metrics and audio taps learn of an answer the resync found once both of its voices are known (the list
   * may name the agent's leg before the customer's). Once per call.
   */
  private void announceAnswerFoundInResync(TrackedCall call) {
    if (call.answerEstimated && !call.answerAnnounced && call.customerUniqueid != null && call.agentUniqueid != null) {
      announceAnswer(call);
    }
  }

  /** The CallAnswered of an answer we did not see happen, at the time we believe it happened. */
  private void announceAnswer(TrackedCall call) {
    call.answerAnnounced = true;
    call.state = CallState.ANSWERED;
    ensureOffered(call, call.offeredAt);
    emit(call, new CallAnswered(call.id, call.answeredAt, call.agent, call.queue, call.waitSoFar(call.answeredAt)));
  }

  /** A queued caller the PBX reports in a resync (QueueEntry), with how long it has waited. */
  public void adoptQueueEntry(String uniqueid, String queue, int position, long waitSeconds, Instant now) {
    Channel ch = channels.get(uniqueid);
    TrackedCall call = ch == null ? null : calls.get(ch.callId);
    if (call != null && call.queuedAt == null) {
      call.queue = queue;
      call.position = position;
      call.queuedAt = now.minusSeconds(waitSeconds);
      call.state = CallState.QUEUED;
      emit(call, new CallQueued(call.id, now, queue, position, call.caller));
    }
  }

  // ---- event handlers ----

  private void onNewChannel(NewChannelEvent e, Instant at) {
    String uid = e.getUniqueId();
    if (uid == null || isTap(e.getChannel(), uid) || channels.containsKey(uid)) {
      return;
    }
    String linkedid = e.getLinkedid() != null ? e.getLinkedid() : uid;
    String callId = callId(e.getSystemName(), linkedid);
    if (closed.contains(callId)) {
      return;
    }
    TrackedCall call = calls.get(callId);
    if (call == null) {
      call = new TrackedCall(callId, linkedid, at);
      calls.put(callId, call);
      call.customerUniqueid = uid;
      call.caller = clean(e.getCallerIdNum());
      call.callerName = clean(e.getCallerIdName());
      call.internal = agentDevices.contains(interfaceOf(e.getChannel()));
    }
    channels.put(uid, new Channel(uid, e.getChannel(), callId));
    call.liveChannels.add(uid);
    call.lastEventAt = at;
  }

  private void onNewState(NewStateEvent e, Instant at) {
    TrackedCall call = callOf(e.getUniqueId());
    if (call != null && e.getUniqueId().equals(call.customerUniqueid)) {
      ensureOffered(call, at);
    }
  }

  private void onQueueJoin(QueueCallerJoinEvent e, Instant at) {
    TrackedCall call = callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    if (call == null) {
      return;
    }
    ensureOffered(call, at);
    call.queue = e.getQueue();
    call.position = e.getPosition() == null ? 0 : e.getPosition();
    if (call.queuedAt == null) {
      call.queuedAt = at;
    }
    if (call.answeredAt == null) {
      call.state = CallState.QUEUED;
    }
    call.lastEventAt = at;
    emit(call, new CallQueued(call.id, at, call.queue, call.position, call.caller));
  }

  private void onQueueLeave(QueueCallerLeaveEvent e, Instant at) {
    TrackedCall call = callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    if (call != null && call.leftQueueAt == null) {
      call.leftQueueAt = at; // also fires on answer, just before AgentConnect: judged at the end
      call.lastEventAt = at;
    }
  }

  private void onAbandon(QueueCallerAbandonEvent e, Instant at) {
    TrackedCall call = callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
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
    emit(call, new CallAbandoned(call.id, at, call.queue, wait));
  }

  private void onAgentCalled(AgentCalledEvent e, Instant at) {
    TrackedCall call = callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    if (call == null) {
      return;
    }
    markAgentLeg(e.getDestUniqueId());
    String agent = e.getInterface() != null ? e.getInterface() : interfaceOf(e.getDestChannel());
    agentDevices.add(agent);
    agentDevices.add(interfaceOf(e.getDestChannel()));
    if (call.answeredAt == null) {
      call.state = CallState.RINGING;
    }
    call.ringingAgents.add(e.getDestUniqueId());
    call.legs.rung(e.getDestUniqueId(), agent, at);
    call.lastEventAt = at;
    emit(call, new AgentRinging(call.id, at, agent, e.getQueue()));
  }

  private void onRingNoAnswer(AgentRingNoAnswerEvent e, Instant at) {
    TrackedCall call = callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    if (call == null || !call.ringingAgents.remove(e.getDestUniqueId())) {
      return;
    }
    call.legs.ringEnded(e.getDestUniqueId(), RingResult.NO_ANSWER);
    long ringMillis = e.getRingtime() == null ? 0 : e.getRingtime(); // milliseconds here, unlike AgentConnect
    emit(call, new AgentRingEnded(call.id, at, agentOf(e.getInterface(), e.getDestChannel()),
        RingResult.NO_ANSWER, ringMillis));
    if (call.answeredAt == null && call.queuedAt != null) {
      call.state = CallState.QUEUED;
    }
  }

  private void onDialBegin(DialBeginEvent e, Instant at) {
    String destUid = e.getDestUniqueId();
    if (e.getUniqueId() == null || e.getUniqueId().isEmpty()) {
      // Originated by the PBX (AMI Originate): nobody dials the first leg. That leg is the agent of an outbound call.
      TrackedCall call = callOf(destUid, e.getDestLinkedId(), e.getSystemName(), at);
      if (call != null && destUid != null && destUid.equals(call.customerUniqueid) && !call.offered) {
        call.direction = Direction.OUTBOUND;
        call.internal = false; // the PBX called the agent for a callback: a customer contact after all
        call.customerUniqueid = null;
        call.agentUniqueid = destUid;
        call.agent = interfaceOf(e.getDestChannel());
        call.answeringAgent = call.agent;
        call.caller = "";
        markAgentLeg(destUid);
        call.state = CallState.DIALING;
      }
      return;
    }
    TrackedCall call = callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    if (call == null) {
      return;
    }
    follow(destUid, e.getDestLinkedId(), e.getSystemName(), at);
    if (call.direction == Direction.OUTBOUND && e.getUniqueId().equals(call.agentUniqueid)
        && call.customerUniqueid == null) {
      call.customerUniqueid = destUid; // the agent's leg dials the customer
      call.caller = firstNonBlank(clean(e.getExten()), clean(e.getDestCallerIdNum()));
      call.callerName = clean(e.getDestCallerIdName());
      ensureOffered(call, at);
    } else if (call.transferPending && e.getUniqueId().equals(call.customerUniqueid)) {
      markAgentLeg(destUid); // the transfer target is rung with a plain Dial: no queue events
      call.ringingAgents.add(destUid);
      call.legs.rung(destUid, interfaceOf(e.getDestChannel()), at);
      call.state = CallState.TRANSFERRING;
      emit(call, new AgentRinging(call.id, at, interfaceOf(e.getDestChannel()), call.queue));
    }
    call.lastEventAt = at;
  }

  private void onDialEnd(DialEndEvent e, Instant at) {
    String destUid = e.getDestUniqueId();
    String status = e.getDialStatus() == null ? "" : e.getDialStatus();
    TrackedCall call = callOf(destUid, e.getDestLinkedId(), e.getSystemName(), at);
    if (call == null) {
      return;
    }
    call.lastEventAt = at;
    if (call.direction == Direction.OUTBOUND && destUid.equals(call.customerUniqueid)) {
      if (status.equals("ANSWER") && call.answeredAt == null) {
        call.answeredAt = at;
        call.legs.answered(call.agentUniqueid, call.agent, at); // the agent's part of a callback starts with the customer
        call.state = CallState.ANSWERED;
        emit(call, new CallAnswered(call.id, at, call.agent, call.queue, 0));
      }
      return;
    }
    boolean customerDialed = e.getUniqueId() != null && e.getUniqueId().equals(call.customerUniqueid);
    if (call.transferPending && (call.ringingAgents.contains(destUid) || customerDialed) && status.equals("ANSWER")) {
      call.ringingAgents.remove(destUid);
      String from = call.agent;
      call.transferPending = false;
      call.agentUniqueid = destUid;
      call.agent = interfaceOf(e.getDestChannel());
      call.legs.answered(destUid, call.agent, at);
      call.state = CallState.ANSWERED;
      emit(call, new CallTransferred(call.id, at, TransferKind.BLIND, from, call.agent, true));
      return;
    }
    RingResult result = switch (status) {
      case "BUSY" -> RingResult.BUSY;
      case "CANCEL" -> RingResult.CANCELLED;
      case "NOANSWER" -> RingResult.NO_ANSWER;
      case "CHANUNAVAIL", "CONGESTION" -> RingResult.UNAVAILABLE;
      default -> null;
    };
    // A ring-no-answer is reported twice (NOANSWER then CANCEL); only the first ending counts.
    if (result != null) {
      call.legs.ringEnded(destUid, result);
    }
    if (result != null && call.ringingAgents.remove(destUid)) {
      emit(call, new AgentRingEnded(call.id, at, interfaceOf(e.getDestChannel()), result, 0));
      if (call.answeredAt == null && call.queuedAt != null && call.ringingAgents.isEmpty()) {
        call.state = CallState.QUEUED;
      }
    }
  }

  private void onAgentConnect(AgentConnectEvent e, Instant at) {
    TrackedCall call = callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    if (call == null) {
      call = callOf(e.getDestUniqueId(), e.getDestLinkedId(), e.getSystemName(), at);
    }
    if (call == null || call.answeredAt != null) {
      return;
    }
    ensureOffered(call, at);
    call.ringingAgents.remove(e.getDestUniqueId());
    markAgentLeg(e.getDestUniqueId());
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
    emit(call, new CallAnswered(call.id, at, call.agent, call.queue, wait));
  }

  private void onAgentComplete(AgentCompleteEvent e, Instant at) {
    // Without the caller block when the caller's Hangup won the race: close from DestLinkedid.
    TrackedCall call = e.getUniqueId() != null ? callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at) : null;
    if (call == null) {
      call = callOf(e.getDestUniqueId(), e.getDestLinkedId(), e.getSystemName(), at);
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
    if (call.transfers > 0 || call.internal || e.getTalkTime() == null
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
      announceAnswer(call);
    }
  }

  private void onHold(String uid, String linkedid, String systemName, Instant at) {
    TrackedCall call = callOf(uid, linkedid, systemName, at);
    if (call == null || call.answeredAt == null || call.heldSince != null || !uid.equals(call.agentUniqueid)) {
      return; // only the agent putting the customer on hold counts; queue music is not a hold
    }
    call.heldSince = at;
    call.legs.held(uid, at);
    call.holdCount++;
    call.state = CallState.HELD;
    call.lastEventAt = at;
    emit(call, new CallHeld(call.id, at, call.agent));
  }

  private void onUnhold(String uid, String linkedid, String systemName, Instant at) {
    TrackedCall call = callOf(uid, linkedid, systemName, at);
    if (call == null || call.heldSince == null) {
      return; // chan_sip sends a spurious Unhold before a REFER: no hold was open
    }
    call.legs.resumed(call.agentUniqueid, at);
    long held = Math.max(0, Duration.between(call.heldSince, at).toMillis());
    call.holdMillis += held;
    call.heldSince = null;
    call.state = CallState.ANSWERED;
    call.lastEventAt = at;
    emit(call, new CallResumed(call.id, at, call.agent, held));
  }

  private void onBlindTransfer(BlindTransferEvent e, Instant at) {
    TrackedCall call = callOf(e.getTransfereeUniqueId(), e.getTransfereeLinkedId(), e.getSystemName(), at);
    if (call == null) {
      call = callOf(e.getTransfererUniqueId(), e.getTransfererLinkedId(), e.getSystemName(), at);
    }
    if (call == null) {
      return;
    }
    boolean ok = "Success".equalsIgnoreCase(e.getResult());
    if (ok) {
      closeHold(call, at);
      call.legs.transferred(call.agentUniqueid, AgentLeg.End.TRANSFERRED_BLIND, e.getExtension(), at);
      call.transfers++;
      call.transferPending = true;
      call.agentUniqueid = null; // the transferer leaves the conversation; the target joins when it answers
      call.state = CallState.TRANSFERRING;
    }
    call.lastEventAt = at;
    emit(call, new CallTransferred(call.id, at, TransferKind.BLIND, call.agent, e.getExtension(), ok));
  }

  /**
   * Attended transfer: the agent consulted a colleague on a second call, then joined the customer to them. The
   * target's channel joins the customer's bridge and takes the customer's (older) Linkedid; it becomes the agent.
   */
  private void onAttendedTransfer(AttendedTransferEvent e, Instant at) {
    TrackedCall call = e.getTransfereeUniqueid() != null
        ? callOf(e.getTransfereeUniqueid(), e.getTransfereeLinkedId(), e.getSystemName(), at) : null;
    if (call == null || call.internal) {
      call = callOf(e.getOrigTransfererUniqueid(), e.getOrigTransfererLinkedId(), e.getSystemName(), at);
    }
    if (call == null) {
      return;
    }
    boolean ok = "Success".equalsIgnoreCase(e.getResult());
    String from = call.agent;
    String targetUid = e.getTransferTargetUniqueID();
    String target = e.getTransferTargetChannel() == null ? null : interfaceOf(e.getTransferTargetChannel());
    call.lastEventAt = at;
    if (!ok) {
      emit(call, new CallTransferred(call.id, at, TransferKind.ATTENDED, from, target, false));
      return;
    }
    closeHold(call, at);
    call.legs.transferred(call.agentUniqueid, AgentLeg.End.TRANSFERRED_ATTENDED, target, at);
    call.transfers++;
    forgetTransferersHangup(call);
    if (targetUid == null) {
      // Atxfer and consults through a Local channel name no target: it is the agent who joins the customer's bridge
      call.attendedTransferFrom = from;
      call.transferPending = true;
      call.agentUniqueid = null;
      call.state = CallState.TRANSFERRING;
      return;
    }
    call.legs.answered(targetUid, target, at); // the consult was between agents: their talk with the customer starts now
    moveChannel(targetUid, call, at);
    markAgentLeg(targetUid);
    call.agentUniqueid = targetUid;
    call.agent = target;
    call.state = CallState.ANSWERED;
    emit(call, new CallTransferred(call.id, at, TransferKind.ATTENDED, from, target, true));
  }

  /**
   * A channel joined a bridge: it may move into another call (its Linkedid), the customer's bridge is remembered, and
   * an agent's device entering the customer's bridge after an attended transfer is the agent the customer now has.
   */
  private void onBridgeEnter(BridgeEnterEvent e, Instant at) {
    follow(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    TrackedCall call = e.getUniqueId() == null ? null : callOf(e.getUniqueId());
    if (call == null || e.getBridgeUniqueId() == null) {
      return;
    }
    if (e.getUniqueId().equals(call.customerUniqueid)) {
      call.customerBridge = e.getBridgeUniqueId();
    } else if (call.attendedTransferFrom != null && e.getBridgeUniqueId().equals(call.customerBridge)
        && isAgentDevice(e.getChannel())) {
      String from = call.attendedTransferFrom;
      call.attendedTransferFrom = null;
      call.transferPending = false;
      call.agentUniqueid = e.getUniqueId();
      call.agent = interfaceOf(e.getChannel());
      markAgentLeg(e.getUniqueId());
      call.legs.answered(e.getUniqueId(), call.agent, at);
      call.legs.transferTargetKnown(call.agent);
      call.state = CallState.ANSWERED;
      call.lastEventAt = at;
      emit(call, new CallTransferred(call.id, at, TransferKind.ATTENDED, from, call.agent, true));
    }
  }

  /** A phone's channel, not a Local pair half or one of our audio taps. */
  private static boolean isAgentDevice(String channel) {
    return channel != null && !channel.startsWith("Local/") && !channel.startsWith("AudioSocket/");
  }

  /**
   * The transferring agent hangs up to complete an attended transfer (their BYE comes before the AttendedTransfer):
   * that is not who ended the conversation.
   */
  private static void forgetTransferersHangup(TrackedCall call) {
    if (call.firstHangupRequest == EndedBy.AGENT) {
      call.firstHangupRequest = null;
    }
  }

  /** Moves a channel into another call now (the event that announces its new Linkedid may come later). */
  private void moveChannel(String uniqueid, TrackedCall to, Instant at) {
    Channel ch = channels.get(uniqueid);
    if (ch == null || ch.callId.equals(to.id)) {
      return;
    }
    follow(uniqueid, to.linkedid, to.id.substring(0, to.id.indexOf(':')), at);
  }

  /**
   * HangupRequest is raised when a channel's driver is told to hang up from its far end (a SIP BYE): the party on that
   * channel left. A channel the PBX itself ends (end of dialplan, a failed Queue(), a transfer's REFER) gets none.
   * The first request from the customer or the agent talking to them says who ended the conversation.
   */
  private void onHangupRequest(HangupRequestEvent e, Instant at) {
    hangupRequestsSeen = true;
    TrackedCall call = callOf(e.getUniqueId());
    if (call == null || call.firstHangupRequest != null) {
      return;
    }
    if (e.getUniqueId().equals(call.customerUniqueid)) {
      call.firstHangupRequest = EndedBy.CUSTOMER;
    } else if (e.getUniqueId().equals(call.agentUniqueid) && call.answeredAt != null) {
      call.firstHangupRequest = EndedBy.AGENT; // an agent rejecting a ring is not the end of the conversation
    }
  }

  private void onHangup(HangupEvent e, Instant at) {
    String uid = e.getUniqueId();
    Channel ch = uid == null ? null : channels.get(uid);
    if (ch == null || ch.hungUp) {
      return;
    }
    if (e.getLinkedId() != null) {
      follow(uid, e.getLinkedId(), e.getSystemName(), at);
    }
    ch.hungUp = true;
    TrackedCall call = calls.get(ch.callId);
    if (call == null) {
      return;
    }
    call.liveChannels.remove(uid);
    call.legs.ended(uid, at);
    call.lastHangupAt = at;
    call.lastEventAt = at;
    call.hangups.put(uid, at); // who ended the conversation is judged at close: Hangups may outrun transfers
    call.ringingAgents.remove(uid);
    if (uid.equals(call.customerUniqueid) || call.hangupCause == null) {
      call.hangupCause = e.getCause() == null ? null : String.valueOf(e.getCause());
    }
  }

  // ---- helpers ----

  private void close(TrackedCall call) {
    calls.remove(call.id);
    call.liveChannels.clear();
    channels.values().removeIf(c -> c.callId.equals(call.id));
    closed.add(call.id);
    if (closed.size() > 10_000) {
      closed.remove(closed.iterator().next());
    }
    if (call.internal
        || (!call.offered && call.queuedAt == null && call.answeredAt == null && call.caller.isEmpty())) {
      return; // an agent's consult call, or a channel that never became a contact
    }
    ensureOffered(call, call.offeredAt);
    Instant endedAt = call.lastHangupAt != null ? call.lastHangupAt : call.lastEventAt;
    call.judgeEnd(hangupRequestsSeen);
    closeHold(call, call.conversationEndedAt != null ? call.conversationEndedAt : endedAt);
    call.state = CallState.ENDED;
    emit(call, new CallEnded(call.id, endedAt, call.record(endedAt)));
  }

  private void emit(TrackedCall call, CallEvent event) {
    if (call.internal) {
      return; // an agent's consult call is nobody's customer contact
    }
    out.accept(new CallEventMessage(event, call.snapshot()));
  }

  /**
   * Calls the cluster still shows as live from before we owned the link (another member died, or this node
   * restarted). They are kept as they are until the resync tells whether the PBX still has them.
   */
  public void seed(Collection<LiveCall> known) {
    known.forEach(c -> seeded.put(c.id(), c));
  }

  /**
   * Calls whose record is already written though the cluster still listed them as live: the previous owner died
   * between writing the record and dropping the live entry. They count as closed, so neither the resync nor a
   * straggler event ends them a second time.
   */
  public void alreadyRecorded(Collection<String> callIds) {
    callIds.forEach(id -> {
      seeded.remove(id);
      closed.add(id);
    });
  }

  /** Seeded calls the PBX no longer has: they ended while nobody watched. Returns their final messages. */
  public List<CallEventMessage> endUnseen(Instant now) {
    List<CallEventMessage> ended = new ArrayList<>();
    for (LiveCall c : seeded.values()) {
      if (calls.containsKey(c.id()) || closed.contains(c.id())) {
        continue;
      }
      TrackedCall call = new TrackedCall(c.id(), c.linkedid(), c.offeredAt());
      restore(call, c);
      call.outage = true;
      call.offered = true;
      call.lastHangupAt = now;
      if (call.answeredAt != null) {
        call.conversationEndedAt = now;
      }
      call.state = CallState.ENDED;
      closed.add(c.id());
      ended.add(new CallEventMessage(new CallEnded(c.id(), now, call.record(now)), call.snapshot()));
    }
    seeded.clear();
    return ended;
  }

  private static void restore(TrackedCall call, LiveCall c) {
    call.caller = c.caller() == null ? "" : c.caller();
    call.callerName = c.callerName() == null ? "" : c.callerName();
    call.direction = c.direction() == null ? Direction.INBOUND : c.direction();
    call.queue = c.queue();
    call.agent = c.agent();
    call.answeringAgent = c.agent();
    call.offeredAt = c.offeredAt();
    call.queuedAt = c.queuedAt();
    call.answeredAt = c.answeredAt();
    call.heldSince = c.heldSince();
    call.holdMillis = c.holdSeconds() * 1000;
    call.holdCount = c.holdCount();
    call.transfers = c.transfers();
    call.state = c.state();
  }

  private void closeHold(TrackedCall call, Instant at) {
    if (call.heldSince != null) {
      call.holdMillis += Math.max(0, Duration.between(call.heldSince, at).toMillis());
      call.heldSince = null;
    }
  }

  private void ensureOffered(TrackedCall call, Instant at) {
    if (!call.offered && !call.internal) { // a consult is offered only if it turns out to be a contact
      call.offered = true;
      emit(call, new CallOffered(call.id, at, call.caller, call.callerName, call.direction));
    }
  }

  private void markAgentLeg(String uid) {
    Channel ch = uid == null ? null : channels.get(uid);
    if (ch != null) {
      ch.agentLeg = true;
    }
  }

  private TrackedCall callOf(String uniqueid) {
    Channel ch = uniqueid == null ? null : channels.get(uniqueid);
    return ch == null ? null : calls.get(ch.callId);
  }

  /** The call of a channel, following a Linkedid change if the event shows one. */
  private TrackedCall callOf(String uniqueid, String linkedid, String systemName, Instant at) {
    if (uniqueid != null && linkedid != null) {
      follow(uniqueid, linkedid, systemName, at);
    }
    TrackedCall call = callOf(uniqueid);
    if (call == null && linkedid != null) {
      call = calls.get(callId(systemName, linkedid));
    }
    return call;
  }

  /** Linkedid changes when channels join a bridge (attended transfer, merge): move the channel to that call. */
  private void follow(String uniqueid, String linkedid, String systemName, Instant at) {
    Channel ch = uniqueid == null ? null : channels.get(uniqueid);
    if (ch == null || linkedid == null || linkedid.isEmpty()) {
      return;
    }
    String target = callId(systemName, linkedid);
    if (target.equals(ch.callId) || !calls.containsKey(target)) {
      return;
    }
    TrackedCall from = calls.get(ch.callId);
    TrackedCall to = calls.get(target);
    if (from != null) {
      from.liveChannels.remove(uniqueid);
    }
    ch.callId = target;
    if (!ch.hungUp) {
      to.liveChannels.add(uniqueid);
    }
    if (ch.agentLeg && to.answeredAt != null) {
      to.agentUniqueid = uniqueid; // the consulted agent now talks to the customer
      to.agent = interfaceOf(ch.name);
    }
    to.lastEventAt = at;
    if (from != null && from.liveChannels.isEmpty() && from.queuedAt == null && from.answeredAt == null) {
      calls.remove(from.id); // the consult call dissolved into the customer's call
      closed.add(from.id);
    }
  }

  private String callId(String systemName, String linkedid) {
    String sys = systemName == null || systemName.isBlank() ? defaultSystemName : systemName;
    return sys + ":" + linkedid;
  }

  static boolean isTap(String channelName, String uniqueid) {
    return (channelName != null && channelName.startsWith("AudioSocket/"))
        || (uniqueid != null && uniqueid.startsWith("tap-"));
  }

  /** {@code SIP/agent1-00000001} → {@code SIP/agent1}: the device the PBX rang. */
  static String interfaceOf(String channelName) {
    if (channelName == null) {
      return null;
    }
    int dash = channelName.lastIndexOf('-');
    return dash > channelName.indexOf('/') ? channelName.substring(0, dash) : channelName;
  }

  private static String agentOf(String iface, String channel) {
    return iface != null && !iface.isBlank() ? iface : interfaceOf(channel);
  }

  private static String clean(String callerId) {
    return callerId == null || callerId.equals("<unknown>") ? "" : callerId.trim();
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a : b == null ? "" : b;
  }

  private static Instant timeOf(ManagerEvent e) {
    Double ts = e.getTimestamp();
    if (ts == null) {
      Instant received = e.getDateReceived() != null ? e.getDateReceived().toInstant() : Instant.now();
      return received;
    }
    long micros = Math.round(ts * 1_000_000d);
    return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
  }
}
