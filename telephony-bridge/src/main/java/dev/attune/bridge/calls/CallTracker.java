package dev.attune.bridge.calls;

import static dev.attune.bridge.calls.CallBook.clean;
import static dev.attune.bridge.calls.CallBook.firstNonBlank;
import static dev.attune.bridge.calls.CallBook.interfaceOf;
import static dev.attune.bridge.calls.CallBook.isTap;

import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.AgentRingEnded;
import dev.attune.core.calls.AgentRinging;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.CallHeld;
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
import java.util.Collection;
import java.util.List;
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
 *
 * <p>The parts: {@link CallBook} (calls, the channel index, announcing and closing), the rules of channels, dialling,
 * hold and hang-up (here), of app_queue ({@link QueueRules}), of transfers ({@link Transfers}), and what a resync
 * tells ({@link Resync}); {@link TrackedCall} keeps one call's facts and judges its end.
 */
public final class CallTracker {
  private final CallBook book;
  private final Resync resync;
  private final Transfers transfers;
  private final QueueRules queues;

  public CallTracker(String defaultSystemName, Consumer<CallEventMessage> out) {
    this.book = new CallBook(defaultSystemName, out);
    this.resync = new Resync(book);
    this.transfers = new Transfers(book);
    this.queues = new QueueRules(book);
  }

  /** Feeds one AMI event; call events come out through the consumer given at construction. */
  public void accept(ManagerEvent event) {
    Instant at = timeOf(event);
    if (event instanceof NewChannelEvent e) {
      onNewChannel(e, at);
    } else if (event instanceof NewStateEvent e) {
      onNewState(e, at);
    } else if (event instanceof QueueCallerJoinEvent e) {
      queues.onQueueJoin(e, at);
    } else if (event instanceof QueueCallerLeaveEvent e) {
      queues.onQueueLeave(e, at);
    } else if (event instanceof QueueCallerAbandonEvent e) {
      queues.onAbandon(e, at);
    } else if (event instanceof AgentCalledEvent e) {
      queues.onAgentCalled(e, at);
    } else if (event instanceof AgentRingNoAnswerEvent e) {
      queues.onRingNoAnswer(e, at);
    } else if (event instanceof DialBeginEvent e) {
      onDialBegin(e, at);
    } else if (event instanceof DialEndEvent e) {
      onDialEnd(e, at);
    } else if (event instanceof AgentConnectEvent e) {
      queues.onAgentConnect(e, at);
    } else if (event instanceof AgentCompleteEvent e) {
      queues.onAgentComplete(e, at);
    } else if (event instanceof HoldEvent e) {
      onHold(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    } else if (event instanceof UnholdEvent e) {
      onUnhold(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    } else if (event instanceof BlindTransferEvent e) {
      transfers.onBlindTransfer(e, at);
    } else if (event instanceof AttendedTransferEvent e) {
      transfers.onAttendedTransfer(e, at);
    } else if (event instanceof BridgeEnterEvent e) {
      transfers.onBridgeEnter(e, at);
      queues.onBridgeEnter(e, at);
    } else if (event instanceof HangupRequestEvent e) {
      onHangupRequest(e, at);
    } else if (event instanceof HangupEvent e) {
      onHangup(e, at);
    }
  }

  /** Live calls as they stand now. */
  public Collection<LiveCall> liveCalls() {
    return book.liveCalls();
  }

  public int size() {
    return book.size();
  }

  /** The channels a live call's voices come from (what an audio tap spies on); a part is null while unknown. */
  public record Legs(String customerUniqueid, String agentUniqueid) {}

  /** The legs of a live call, or null when the call is not tracked (ended, or never seen). */
  public Legs legsOf(String callId) {
    return book.legsOf(callId);
  }

  /** Uniqueids of channels we believe are up, for reconciliation after a resync. */
  public Set<String> liveChannelIds() {
    return book.liveChannelIds();
  }

  /**
   * Closes calls whose channels have all hung up at least {@code grace} before {@code now} (PBX time).
   * @return how many calls were closed
   */
  public int closeQuietCalls(Instant now, Duration grace) {
    return book.closeQuietCalls(now, grace);
  }

  /**
   * After a resync: channels the PBX no longer has ended while we could not see them. Their calls end with
   * ENDED_DURING_OUTAGE unless what we saw already decides the outcome.
   */
  public void reconcile(Set<String> channelsOnPbx, Instant now) {
    resync.reconcile(channelsOnPbx, Set.copyOf(book.channels.keySet()), now);
  }

  /**
   * As {@link #reconcile(Set, Instant)}, judging only {@code candidates}: the channels known when the list was taken
   * (one that began after it is rightly missing from it).
   */
  public void reconcile(Set<String> channelsOnPbx, Set<String> candidates, Instant now) {
    resync.reconcile(channelsOnPbx, candidates, now);
  }

  /**
   * A channel the PBX reports in a resync that we never saw (it started while the link was down), or one we knew.
   * {@code application} is the dialplan application (Queue, AppQueue (Outgoing Line), Dial...).
   */
  public void adoptChannel(String systemName, String uniqueid, String linkedid, String name, String callerNum,
                           String callerName, String application, String applicationData, boolean bridged,
                           Instant startedAt) {
    resync.adoptChannel(systemName, uniqueid, linkedid, name, callerNum, callerName, application, applicationData,
        bridged, startedAt);
  }

  /** A queued caller the PBX reports in a resync (QueueEntry), with how long it has waited. */
  public void adoptQueueEntry(String uniqueid, String queue, int position, long waitSeconds, Instant now) {
    resync.adoptQueueEntry(uniqueid, queue, position, waitSeconds, now);
  }

  /**
   * Calls the cluster still shows as live from before we owned the link (another member died, or this node
   * restarted). They are kept as they are until the resync tells whether the PBX still has them.
   */
  public void seed(Collection<LiveCall> known) {
    resync.seed(known);
  }

  /**
   * Calls whose record is already written though the cluster still listed them as live: the previous owner died
   * between writing the record and dropping the live entry. They count as closed, so neither the resync nor a
   * straggler event ends them a second time.
   */
  public void alreadyRecorded(Collection<String> callIds) {
    resync.alreadyRecorded(callIds);
  }

  /** Seeded calls the PBX no longer has: they ended while nobody watched. Returns their final messages. */
  public List<CallEventMessage> endUnseen(Instant now) {
    return resync.endUnseen(now);
  }

  // ---- lifecycle rules ----

  private void onNewChannel(NewChannelEvent e, Instant at) {
    String uid = e.getUniqueId();
    if (uid == null || isTap(e.getChannel(), uid) || book.channels.containsKey(uid)) {
      return;
    }
    String linkedid = e.getLinkedid() != null ? e.getLinkedid() : uid;
    String callId = book.callId(e.getSystemName(), linkedid);
    if (book.closed.contains(callId)) {
      return;
    }
    TrackedCall call = book.calls.get(callId);
    if (call == null) {
      call = new TrackedCall(callId, linkedid, at);
      book.calls.put(callId, call);
      call.customerUniqueid = uid;
      call.caller = clean(e.getCallerIdNum());
      call.callerName = clean(e.getCallerIdName());
      call.internal = book.agentDevices.contains(interfaceOf(e.getChannel()));
    }
    book.channels.put(uid, new CallBook.Channel(uid, e.getChannel(), callId));
    call.liveChannels.add(uid);
    call.lastEventAt = at;
  }

  private void onNewState(NewStateEvent e, Instant at) {
    TrackedCall call = book.callOf(e.getUniqueId());
    if (call != null && e.getUniqueId().equals(call.customerUniqueid)) {
      book.ensureOffered(call, at);
    }
  }

  private void onDialBegin(DialBeginEvent e, Instant at) {
    String destUid = e.getDestUniqueId();
    if (e.getUniqueId() == null || e.getUniqueId().isEmpty()) {
      // Originated by the PBX (AMI Originate): nobody dials the first leg. That leg is the agent of an outbound call.
      TrackedCall call = book.callOf(destUid, e.getDestLinkedId(), e.getSystemName(), at);
      if (call != null && destUid != null && destUid.equals(call.customerUniqueid) && !call.offered) {
        call.direction = Direction.OUTBOUND;
        call.internal = false; // the PBX called the agent for a callback: a customer contact after all
        call.customerUniqueid = null;
        call.agentUniqueid = destUid;
        call.agent = interfaceOf(e.getDestChannel());
        call.answeringAgent = call.agent;
        call.caller = "";
        book.markAgentLeg(destUid);
        call.state = CallState.DIALING;
      }
      return;
    }
    TrackedCall call = book.callOf(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    if (call == null) {
      return;
    }
    book.follow(destUid, e.getDestLinkedId(), e.getSystemName(), at);
    if (call.direction == Direction.OUTBOUND && e.getUniqueId().equals(call.agentUniqueid)
        && call.customerUniqueid == null) {
      call.customerUniqueid = destUid; // the agent's leg dials the customer
      call.caller = firstNonBlank(clean(e.getExten()), clean(e.getDestCallerIdNum()));
      call.callerName = clean(e.getDestCallerIdName());
      book.ensureOffered(call, at);
    } else if (call.transferPending && e.getUniqueId().equals(call.customerUniqueid)) {
      book.markAgentLeg(destUid); // the transfer target is rung with a plain Dial: no queue events
      call.ringingAgents.add(destUid);
      call.legs.rung(destUid, interfaceOf(e.getDestChannel()), at);
      call.state = CallState.TRANSFERRING;
      book.emit(call, new AgentRinging(call.id, at, interfaceOf(e.getDestChannel()), call.queue));
    }
    call.lastEventAt = at;
  }

  private void onDialEnd(DialEndEvent e, Instant at) {
    String destUid = e.getDestUniqueId();
    String status = e.getDialStatus() == null ? "" : e.getDialStatus();
    TrackedCall call = book.callOf(destUid, e.getDestLinkedId(), e.getSystemName(), at);
    if (call == null) {
      return;
    }
    call.lastEventAt = at;
    if (call.direction == Direction.OUTBOUND && destUid.equals(call.customerUniqueid)) {
      if (status.equals("ANSWER") && call.answeredAt == null) {
        call.answeredAt = at;
        call.legs.answered(call.agentUniqueid, call.agent, at); // the agent's part of a callback starts with the customer
        call.state = CallState.ANSWERED;
        book.emit(call, new CallAnswered(call.id, at, call.agent, call.queue, 0));
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
      book.emit(call, new CallTransferred(call.id, at, TransferKind.BLIND, from, call.agent, true));
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
      book.emit(call, new AgentRingEnded(call.id, at, interfaceOf(e.getDestChannel()), result, 0));
      if (call.answeredAt == null && call.queuedAt != null && call.ringingAgents.isEmpty()) {
        call.state = CallState.QUEUED;
      }
    }
  }

  private void onHold(String uid, String linkedid, String systemName, Instant at) {
    TrackedCall call = book.callOf(uid, linkedid, systemName, at);
    if (call == null || call.answeredAt == null || call.heldSince != null || !uid.equals(call.agentUniqueid)) {
      return; // only the agent putting the customer on hold counts; queue music is not a hold
    }
    call.heldSince = at;
    call.legs.held(uid, at);
    call.holdCount++;
    call.state = CallState.HELD;
    call.lastEventAt = at;
    book.emit(call, new CallHeld(call.id, at, call.agent));
  }

  private void onUnhold(String uid, String linkedid, String systemName, Instant at) {
    TrackedCall call = book.callOf(uid, linkedid, systemName, at);
    if (call == null || call.heldSince == null) {
      return; // chan_sip sends a spurious Unhold before a REFER: no hold was open
    }
    call.legs.resumed(call.agentUniqueid, at);
    long held = Math.max(0, Duration.between(call.heldSince, at).toMillis());
    call.holdMillis += held;
    call.heldSince = null;
    call.state = CallState.ANSWERED;
    call.lastEventAt = at;
    book.emit(call, new CallResumed(call.id, at, call.agent, held));
  }

  /**
   * HangupRequest is raised when a channel's driver is told to hang up from its far end (a SIP BYE): the party on that
   * channel left. A channel the PBX itself ends (end of dialplan, a failed Queue(), a transfer's REFER) gets none.
   * The first request from the customer or the agent talking to them says who ended the conversation.
   */
  private void onHangupRequest(HangupRequestEvent e, Instant at) {
    book.hangupRequestsSeen = true;
    TrackedCall call = book.callOf(e.getUniqueId());
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
    CallBook.Channel ch = uid == null ? null : book.channels.get(uid);
    if (ch == null || ch.hungUp) {
      return;
    }
    if (e.getLinkedId() != null) {
      book.follow(uid, e.getLinkedId(), e.getSystemName(), at);
    }
    ch.hungUp = true;
    TrackedCall call = book.calls.get(ch.callId);
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
