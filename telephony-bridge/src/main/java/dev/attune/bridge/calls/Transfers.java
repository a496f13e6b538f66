package dev.attune.bridge.calls;

import static dev.attune.bridge.calls.CallBook.interfaceOf;

import dev.attune.core.calls.AgentLeg;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.CallTransferred;
import dev.attune.core.calls.EndedBy;
import dev.attune.core.calls.TransferKind;
import java.time.Instant;
import org.asteriskjava.manager.event.AttendedTransferEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;

/**
 * The lifecycle rules of a transfer: blind (the target is dialled after the REFER), attended with a named target, and
 * attended through a Local channel (the target is whoever joins the customer's bridge). Each hands the call to the new
 * agent's leg and records how the old one ended.
 */
final class Transfers {
  private final CallBook book;

  Transfers(CallBook book) {
    this.book = book;
  }

  void onBlindTransfer(BlindTransferEvent e, Instant at) {
    TrackedCall call = book.callOf(e.getTransfereeUniqueId(), e.getTransfereeLinkedId(), e.getSystemName(), at);
    if (call == null) {
      call = book.callOf(e.getTransfererUniqueId(), e.getTransfererLinkedId(), e.getSystemName(), at);
    }
    if (call == null) {
      return;
    }
    boolean ok = "Success".equalsIgnoreCase(e.getResult());
    if (ok) {
      book.closeHold(call, at);
      call.legs.transferred(call.agentUniqueid, AgentLeg.End.TRANSFERRED_BLIND, e.getExtension(), at);
      call.transfers++;
      call.transferPending = true;
      call.agentUniqueid = null; // the transferer leaves the conversation; the target joins when it answers
      call.state = CallState.TRANSFERRING;
    }
    call.lastEventAt = at;
    book.emit(call, new CallTransferred(call.id, at, TransferKind.BLIND, call.agent, e.getExtension(), ok));
  }

  /**
   * Attended transfer: the agent consulted a colleague on a second call, then joined the customer to them. The
   * target's channel joins the customer's bridge and takes the customer's (older) Linkedid; it becomes the agent.
   */
  void onAttendedTransfer(AttendedTransferEvent e, Instant at) {
    TrackedCall call = e.getTransfereeUniqueid() != null
        ? book.callOf(e.getTransfereeUniqueid(), e.getTransfereeLinkedId(), e.getSystemName(), at) : null;
    if (call == null || call.internal) {
      call = book.callOf(e.getOrigTransfererUniqueid(), e.getOrigTransfererLinkedId(), e.getSystemName(), at);
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
      book.emit(call, new CallTransferred(call.id, at, TransferKind.ATTENDED, from, target, false));
      return;
    }
    book.closeHold(call, at);
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
    book.moveChannel(targetUid, call, at);
    book.markAgentLeg(targetUid);
    call.agentUniqueid = targetUid;
    call.agent = target;
    call.state = CallState.ANSWERED;
    book.emit(call, new CallTransferred(call.id, at, TransferKind.ATTENDED, from, target, true));
  }

  /**
   * A channel joined a bridge: it may move into another call (its Linkedid), the customer's bridge is remembered, and
   * an agent's device entering the customer's bridge after an attended transfer is the agent the customer now has.
   */
  void onBridgeEnter(BridgeEnterEvent e, Instant at) {
    book.follow(e.getUniqueId(), e.getLinkedId(), e.getSystemName(), at);
    TrackedCall call = e.getUniqueId() == null ? null : book.callOf(e.getUniqueId());
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
      book.markAgentLeg(e.getUniqueId());
      call.legs.answered(e.getUniqueId(), call.agent, at);
      call.legs.transferTargetKnown(call.agent);
      call.state = CallState.ANSWERED;
      call.lastEventAt = at;
      book.emit(call, new CallTransferred(call.id, at, TransferKind.ATTENDED, from, call.agent, true));
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
}
