package dev.attune.bridge.calls;

import static dev.attune.bridge.calls.CallBook.clean;
import static dev.attune.bridge.calls.CallBook.interfaceOf;
import static dev.attune.bridge.calls.CallBook.isTap;

import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallQueued;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.LiveCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a resync after a reconnect (or a takeover) tells about calls: channels the PBX lists that we never saw are
 * adopted, known ones are corrected (an agent leg found bridged answers a call we last saw ringing), channels it no
 * longer has ended while we could not see, and calls inherited from the cluster are confirmed or ended.
 */
final class Resync {
  private final CallBook book;
  /** Live calls inherited from the cluster map, waiting for the resync to confirm or end them. */
  private final Map<String, LiveCall> seeded = new HashMap<>();

  Resync(CallBook book) {
    this.book = book;
  }

  /**
   * As {@link #reconcile(Set, Instant)}, judging only {@code candidates}: the channels known when the list was taken
   * (one that began after it is rightly missing from it).
   */
  void reconcile(Set<String> channelsOnPbx, Set<String> candidates, Instant now) {
    for (CallBook.Channel ch : List.copyOf(book.channels.values())) {
      if (!ch.hungUp && candidates.contains(ch.uniqueid) && !channelsOnPbx.contains(ch.uniqueid)) {
        TrackedCall call = book.calls.get(ch.callId);
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
    book.calls.values().stream().filter(call -> call.liveChannels.isEmpty()).toList().forEach(book::close);
  }

  /**
   * A channel the PBX reports in a resync that we never saw (it started while the link was down).
   * {@code application} is the dialplan application (Queue, AppQueue (Outgoing Line), Dial...).
   */
  void adoptChannel(String systemName, String uniqueid, String linkedid, String name, String callerNum,
                           String callerName, String application, String applicationData, boolean bridged,
                           Instant startedAt) {
    if (isTap(name, uniqueid)) {
      return;
    }
    if (book.channels.containsKey(uniqueid)) {
      correctKnown(book.channels.get(uniqueid), application, bridged, startedAt);
      return;
    }
    String callId = book.callId(systemName, linkedid);
    if (book.closed.contains(callId)) {
      return; // its record is written; a straggler channel must not open the call a second time
    }
    boolean agentDevice = book.agentDevices.contains(interfaceOf(name));
    TrackedCall call = book.calls.get(callId);
    if (call == null) {
      call = new TrackedCall(callId, linkedid, startedAt);
      book.calls.put(callId, call);
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
    CallBook.Channel ch = new CallBook.Channel(uniqueid, name, callId);
    book.channels.put(uniqueid, ch);
    call.liveChannels.add(uniqueid);
    boolean agentLeg = application != null && application.startsWith("AppQueue");
    if (agentLeg) {
      ch.agentLeg = true;
      if (bridged && call.answeredAt == null) {
        // the agent's leg is created when it starts ringing: its age bounds the answer time from below only
        book.answerFoundLate(call, ch, startedAt);
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
    book.ensureOffered(call, startedAt);
    book.announceAnswerOnceBothVoicesKnown(call);
  }

  /**
   * A channel we knew before the link dropped, as the PBX lists it now. A queue's agent leg that is bridged was
   * answered while we could not see it (the AgentConnect was lost): the call is answered now, with an estimated answer
   * time that AgentComplete's TalkTime corrects at the end.
   */
  private void correctKnown(CallBook.Channel ch, String application, boolean bridged, Instant startedAt) {
    TrackedCall call = book.calls.get(ch.callId);
    boolean agentLeg = ch.agentLeg || (application != null && application.startsWith("AppQueue"));
    if (call == null || ch.hungUp || !agentLeg || !bridged || call.answeredAt != null || call.internal) {
      return;
    }
    ch.agentLeg = true;
    // it rang no earlier than our last sight of the call, and was answered after that
    Instant estimate = call.lastEventAt != null && call.lastEventAt.isAfter(startedAt) ? call.lastEventAt : startedAt;
    book.answerFoundLate(call, ch, estimate);
  }

  /** A queued caller the PBX reports in a resync (QueueEntry), with how long it has waited. */
  void adoptQueueEntry(String uniqueid, String queue, int position, long waitSeconds, Instant now) {
    CallBook.Channel ch = book.channels.get(uniqueid);
    TrackedCall call = ch == null ? null : book.calls.get(ch.callId);
    if (call != null && call.queuedAt == null) {
      call.queue = queue;
      call.position = position;
      call.queuedAt = now.minusSeconds(waitSeconds);
      call.state = CallState.QUEUED;
      book.emit(call, new CallQueued(call.id, now, queue, position, call.caller));
    }
  }

  /**
   * Calls the cluster still shows as live from before we owned the link (another member died, or this node
   * restarted). They are kept as they are until the resync tells whether the PBX still has them.
   */
  void seed(Collection<LiveCall> known) {
    known.forEach(c -> seeded.put(c.id(), c));
  }

  /**
   * Calls whose record is already written though the cluster still listed them as live: the previous owner died
   * between writing the record and dropping the live entry. They count as closed, so neither the resync nor a
   * straggler event ends them a second time.
   */
  void alreadyRecorded(Collection<String> callIds) {
    callIds.forEach(id -> {
      seeded.remove(id);
      book.closed.add(id);
    });
  }

  /** Seeded calls the PBX no longer has: they ended while nobody watched. Returns their final messages. */
  List<CallEventMessage> endUnseen(Instant now) {
    List<CallEventMessage> ended = new ArrayList<>();
    for (LiveCall c : seeded.values()) {
      if (book.calls.containsKey(c.id()) || book.closed.contains(c.id())) {
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
      book.closed.add(c.id());
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
}
