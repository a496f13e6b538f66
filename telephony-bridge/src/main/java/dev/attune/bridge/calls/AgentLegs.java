package dev.attune.bridge.calls;

import dev.attune.core.calls.AgentLeg;
import dev.attune.core.calls.RingResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agents' parts of one call as they happen, keyed by the agent channel's Uniqueid (a device rung twice has two
 * legs). Owned by {@link TrackedCall}, on the tracker's thread.
 */
final class AgentLegs {
  private static final class Leg {
    final String agent;
    final Instant rungAt;
    RingResult ring;
    Instant answeredAt;
    Instant endedAt;
    Instant heldSince;
    long holdMillis;
    AgentLeg.End end;
    String transferredTo;

    Leg(String agent, Instant rungAt) {
      this.agent = agent;
      this.rungAt = rungAt;
    }
  }

  private final Map<String, Leg> byChannel = new LinkedHashMap<>();

  void rung(String uniqueid, String agent, Instant at) {
    if (uniqueid != null && agent != null) {
      byChannel.putIfAbsent(uniqueid, new Leg(agent, at));
    }
  }

  void ringEnded(String uniqueid, RingResult result) {
    Leg leg = byChannel.get(uniqueid);
    if (leg != null && leg.ring == null) {
      leg.ring = result;
    }
  }

  /** The agent on this channel now talks to the customer (answered from the queue, a transfer target joining). */
  void answered(String uniqueid, String agent, Instant at) {
    if (uniqueid == null || agent == null) {
      return;
    }
    Leg leg = byChannel.computeIfAbsent(uniqueid, k -> new Leg(agent, at));
    if (leg.answeredAt == null) {
      leg.ring = RingResult.ANSWERED;
      leg.answeredAt = at;
    }
  }

  /** The PBX's own word (AgentComplete's TalkTime) of when this agent's leg was answered, seen or not. */
  void answeredAt(String uniqueid, String agent, Instant at) {
    if (uniqueid == null || agent == null) {
      return;
    }
    Leg leg = byChannel.computeIfAbsent(uniqueid, k -> new Leg(agent, at));
    leg.answeredAt = at;
    leg.ring = RingResult.ANSWERED;
  }

  void held(String uniqueid, Instant at) {
    Leg leg = byChannel.get(uniqueid);
    if (leg != null && leg.heldSince == null) {
      leg.heldSince = at;
    }
  }

  void resumed(String uniqueid, Instant at) {
    Leg leg = byChannel.get(uniqueid);
    if (leg != null && leg.heldSince != null) {
      leg.holdMillis += Math.max(0, Duration.between(leg.heldSince, at).toMillis());
      leg.heldSince = null;
    }
  }

  /**
   * The talking agent on this channel handed the customer on. The transferer's Hangup may have come first (Asterisk
   * does not order events across channels): a transfer still explains how that part ended.
   */
  void transferred(String uniqueid, AgentLeg.End how, String to, Instant at) {
    Leg leg = byChannel.get(uniqueid);
    if (leg != null && leg.answeredAt != null && (leg.end == null || leg.end == AgentLeg.End.HUNG_UP)) {
      resumed(uniqueid, at);
      leg.end = how;
      leg.transferredTo = to;
      leg.endedAt = leg.endedAt == null || at.isBefore(leg.endedAt) ? at : leg.endedAt;
    }
  }

  /** Names the target of a transfer whose target was not known when it happened (an attended one through Local). */
  void transferTargetKnown(String to) {
    for (Leg leg : byChannel.values()) {
      if (leg.transferredTo == null && (leg.end == AgentLeg.End.TRANSFERRED_ATTENDED
          || leg.end == AgentLeg.End.TRANSFERRED_BLIND)) {
        leg.transferredTo = to;
      }
    }
  }

  /** This agent channel hung up (or the conversation ended): a talking leg ends, a ringing one stops ringing. */
  void ended(String uniqueid, Instant at) {
    Leg leg = byChannel.get(uniqueid);
    if (leg == null) {
      return;
    }
    if (leg.answeredAt != null && leg.end == null) {
      resumed(uniqueid, at);
      leg.end = AgentLeg.End.HUNG_UP;
      leg.endedAt = at;
    } else if (leg.answeredAt == null && leg.ring == null) {
      leg.ring = RingResult.CANCELLED;
    }
  }

  /** The legs as the record keeps them; a talking leg still open ends with the conversation at {@code end}. */
  List<AgentLeg> finish(Instant end) {
    List<AgentLeg> out = new ArrayList<>();
    for (Map.Entry<String, Leg> e : byChannel.entrySet()) {
      Leg leg = e.getValue();
      if (leg.answeredAt != null && leg.end == null && end != null) {
        ended(e.getKey(), end.isBefore(leg.answeredAt) ? leg.answeredAt : end);
      }
      long talk = leg.answeredAt == null || leg.endedAt == null ? 0
          : Math.round(Math.max(0, Duration.between(leg.answeredAt, leg.endedAt).toMillis()) / 1000.0);
      out.add(new AgentLeg(leg.agent, leg.rungAt, leg.ring, leg.answeredAt, leg.endedAt, talk,
          Math.round(leg.holdMillis / 1000.0), leg.end, leg.transferredTo));
    }
    return out;
  }
}
