package dev.attune.bridge.calls;

import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallEvent;
import dev.attune.core.calls.CallOffered;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.LiveCall;
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

/**
 * The tracker's book of what it knows: the live calls by id, every channel by Uniqueid (re-pointed when an event shows
 * it with a new Linkedid), the calls already closed, and the primitives every rule uses (find a channel's call,
 * announce, close). Owned by the tracker's thread.
 */
final class CallBook {
  final String defaultSystemName;
  final Consumer<CallEventMessage> out;
  final Map<String, TrackedCall> calls = new HashMap<>();
  final Map<String, Channel> channels = new HashMap<>();
  /** Calls already closed, so a late event cannot resurrect them. Bounded. */
  final Set<String> closed = new LinkedHashSet<>();
  /** Devices the queues have rung: a call that starts on one of them is an agent's own call, not a customer's. */
  final Set<String> agentDevices = new java.util.HashSet<>();
  /**
   * This PBX reports HangupRequest (Asterisk does; a source that never sends one cannot tell a party's hang-up from
   * the PBX's, and keeps the Hangup-order rule).
   */
  boolean hangupRequestsSeen;

  /** What we know of one PBX channel. */
  static final class Channel {
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

  CallBook(String defaultSystemName, Consumer<CallEventMessage> out) {
    this.defaultSystemName = defaultSystemName == null || defaultSystemName.isBlank() ? "pbx" : defaultSystemName;
    this.out = out;
  }

  /** Live calls as they stand now. */
  Collection<LiveCall> liveCalls() {
    return calls.values().stream().map(TrackedCall::snapshot).toList();
  }

  int size() {
    return calls.size();
  }

  /** The legs of a live call, or null when the call is not tracked (ended, or never seen). */
  CallTracker.Legs legsOf(String callId) {
    TrackedCall call = calls.get(callId);
    return call == null ? null : new CallTracker.Legs(call.customerUniqueid, call.agentUniqueid);
  }

  /** Uniqueids of channels we believe are up, for reconciliation after a resync. */
  Set<String> liveChannelIds() {
    Set<String> ids = new LinkedHashSet<>();
    channels.values().stream().filter(c -> !c.hungUp).forEach(c -> ids.add(c.uniqueid));
    return ids;
  }

  /**
   * Closes calls whose channels have all hung up at least {@code grace} before {@code now} (PBX time).
   * @return how many calls were closed
   */
  int closeQuietCalls(Instant now, Duration grace) {
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

  TrackedCall callOf(String uniqueid) {
    Channel ch = uniqueid == null ? null : channels.get(uniqueid);
    return ch == null ? null : calls.get(ch.callId);
  }

  /** The call of a channel, following a Linkedid change if the event shows one. */
  TrackedCall callOf(String uniqueid, String linkedid, String systemName, Instant at) {
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
  void follow(String uniqueid, String linkedid, String systemName, Instant at) {
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

  /** Moves a channel into another call now (the event that announces its new Linkedid may come later). */
  void moveChannel(String uniqueid, TrackedCall to, Instant at) {
    Channel ch = channels.get(uniqueid);
    if (ch == null || ch.callId.equals(to.id)) {
      return;
    }
    follow(uniqueid, to.linkedid, to.id.substring(0, to.id.indexOf(':')), at);
  }

  void markAgentLeg(String uid) {
    Channel ch = uid == null ? null : channels.get(uid);
    if (ch != null) {
      ch.agentLeg = true;
    }
  }

  String callId(String systemName, String linkedid) {
    String sys = systemName == null || systemName.isBlank() ? defaultSystemName : systemName;
    return sys + ":" + linkedid;
  }

  void ensureOffered(TrackedCall call, Instant at) {
    if (!call.offered && !call.internal) { // a consult is offered only if it turns out to be a contact
      call.offered = true;
      emit(call, new CallOffered(call.id, at, call.caller, call.callerName, call.direction));
    }
  }

  /**
   * A queue agent leg found talking to the caller though its AgentConnect was never seen (the link was down): the
   * call is answered by that agent at {@code estimate}, which AgentComplete's TalkTime corrects at the end. Screens,
   * metrics and audio taps learn of it once both voices are known (a resync may name the agent's leg first).
   */
  void answerFoundLate(TrackedCall call, Channel agentLeg, Instant estimate) {
    call.ringingAgents.remove(agentLeg.uniqueid);
    call.agentUniqueid = agentLeg.uniqueid;
    call.agent = interfaceOf(agentLeg.name);
    call.answeringAgent = call.answeringAgent == null ? call.agent : call.answeringAgent;
    call.answeredAt = estimate;
    call.answerEstimated = true;
    call.legs.answered(agentLeg.uniqueid, call.agent, estimate);
    call.state = CallState.ANSWERED;
    announceAnswerOnceBothVoicesKnown(call);
  }

  /** Announces an answer found late once the caller's and the agent's channels are both known; once per call. */
  void announceAnswerOnceBothVoicesKnown(TrackedCall call) {
    if (call.answerEstimated && !call.answerAnnounced && call.customerUniqueid != null && call.agentUniqueid != null) {
      announceAnswer(call);
    }
  }

  /** The CallAnswered of an answer we did not see happen, at the time we believe it happened. */
  void announceAnswer(TrackedCall call) {
    call.answerAnnounced = true;
    call.state = CallState.ANSWERED;
    ensureOffered(call, call.offeredAt);
    emit(call, new CallAnswered(call.id, call.answeredAt, call.agent, call.queue, call.waitSoFar(call.answeredAt)));
  }

  void emit(TrackedCall call, CallEvent event) {
    if (call.internal) {
      return; // an agent's consult call is nobody's customer contact
    }
    out.accept(new CallEventMessage(event, call.snapshot()));
  }

  void closeHold(TrackedCall call, Instant at) {
    if (call.heldSince != null) {
      call.holdMillis += Math.max(0, Duration.between(call.heldSince, at).toMillis());
      call.heldSince = null;
    }
  }

  void close(TrackedCall call) {
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

  /** A channel the bridge opened itself (an audio tap, a supervisor listening in): never a call of its own. */
  static boolean isTap(String channelName, String uniqueid) {
    return (channelName != null && channelName.startsWith("AudioSocket/"))
        || (uniqueid != null && (uniqueid.startsWith("tap-") || uniqueid.startsWith("spy-")));
  }

  /** {@code SIP/agent1-00000001} → {@code SIP/agent1}: the device the PBX rang. */
  static String interfaceOf(String channelName) {
    if (channelName == null) {
      return null;
    }
    int dash = channelName.lastIndexOf('-');
    return dash > channelName.indexOf('/') ? channelName.substring(0, dash) : channelName;
  }

  static String agentOf(String iface, String channel) {
    return iface != null && !iface.isBlank() ? iface : interfaceOf(channel);
  }

  static String clean(String callerId) {
    return callerId == null || callerId.equals("<unknown>") ? "" : callerId.trim();
  }

  static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a : b == null ? "" : b;
  }
}
