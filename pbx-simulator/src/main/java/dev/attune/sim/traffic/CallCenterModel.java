package dev.attune.sim.traffic;

import dev.attune.sim.agi.AgiKey;
import dev.attune.sim.ami.AmiMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A seeded discrete-event model of a small call center: callers arrive, queue, agents are rung, answer or not,
 * hold, transfer, hang up, abandon or time out. It emits the AMI events Asterisk 20's app_queue and chan_pjsip would,
 * in the shapes of the recorded traces (duplicate DialEnd on ring-no-answer, RingTime in ms there but seconds in
 * AgentConnect, Cause 0 on abandon, Cdr and DeviceStateChange noise), and writes down what each call was meant to be.
 * Given a {@link SurveyLine}, a caller whose agent hung up goes on to the post-call survey, as {@code Queue(...,c)}
 * lets them, and hangs up after it.
 *
 * <p>Over 400 lines on purpose, for now: every scenario shares the virtual clock, the agents, the legs and the one
 * emission order that makes a seed reproducible; a split by scenario must keep all of that identical, and is due
 * when the next scenario is added.
 */
final class CallCenterModel {
  /** What a call is scripted to do; picked per call from a seeded mix. */
  enum Plan { CALLER_HANGS_UP, AGENT_HANGS_UP, ABANDON, RING_NO_ANSWER, HOLD, BLIND_TRANSFER, ATTENDED_TRANSFER,
    TIMEOUT }

  private static final Plan[] MIX = {
      Plan.CALLER_HANGS_UP, Plan.CALLER_HANGS_UP, Plan.CALLER_HANGS_UP, Plan.CALLER_HANGS_UP, Plan.CALLER_HANGS_UP,
      Plan.AGENT_HANGS_UP, Plan.AGENT_HANGS_UP, Plan.ABANDON, Plan.ABANDON, Plan.RING_NO_ANSWER, Plan.RING_NO_ANSWER,
      Plan.HOLD, Plan.HOLD, Plan.BLIND_TRANSFER, Plan.ATTENDED_TRANSFER, Plan.TIMEOUT};
  private static final String[] FIRST = {"Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Gina", "Hank", "Ivy",
      "Jack", "Karen", "Liam", "Mei", "Wei", "Li Na", "Zhang Wei", "Olivia", "Paul"};
  private static final String[] LAST = {"Smith", "Jones", "White", "Brown", "Green", "Black", "Gray", "Hill", "Chen",
      "Wang", "Liu", "Zhao", "Moore", "Park"};

  /** A queue member. */
  static final class Agent {
    final String iface;
    final String name;
    final String extension;
    boolean busy;
    boolean paused;
    int callsTaken;
    long lastCall;          // epoch seconds the last queue call ended (app_queue's LastCall), 0 before any
    double wrapUpUntil;     // no queue call before this (the member's wrapuptime after its last one)

    Agent(String iface, String name, String extension) {
      this.iface = iface;
      this.name = name;
      this.extension = extension;
    }
  }

  /** One customer contact in progress. */
  private final class Call {
    final Leg customer;
    final String queue;
    final Plan plan;
    final double offeredAt;
    double joinedAt;
    double answeredAt = -1;
    double endedAt = -1;
    double holdSeconds;
    double heldSince;
    int transfers;
    Leg agentLeg;
    Agent agent;
    String answeringAgent;
    boolean rangOut;
    boolean done;
    ScriptedCall script; // a test's call: its ring, talk and survey keys are given, not drawn
    String bridge;
    String outcome;
    String endedBy;
    final int originalPosition;

    Call(Leg customer, String queue, Plan plan, double at, int position) {
      this.customer = customer;
      this.queue = queue;
      this.plan = plan;
      this.offeredAt = at;
      this.originalPosition = position;
    }
  }

  private final Scheduler clock;
  private final Consumer<AmiMessage> sink;
  private final Random random;
  private final Callers callers;
  private final List<String> queues;
  private final List<Agent> agents = new ArrayList<>();
  private final Map<String, List<Call>> waiting = new LinkedHashMap<>();
  private final List<IntendedCall> intended = new ArrayList<>();
  private final Map<String, Leg> legsByName = new LinkedHashMap<>();
  private long sequence;
  private int trunkSeq;
  private int nextAgent;
  private final String systemName;
  private final SurveyLine survey;
  private final SurveyAnswers surveyAnswers;
  private final int wrapUpSeconds;

  CallCenterModel(Scheduler clock, Consumer<AmiMessage> sink, long seed, List<String> queues, int agentCount,
                  String systemName) {
    this(clock, sink, seed, queues, agentCount, systemName, null, 0);
  }

  /**
   * {@code survey}: where callers go after the agent hangs up ({@code Queue(...,c)}); null: they are hung up.
   * {@code wrapUpSeconds}: every member's own {@code wrapuptime} (reported in its events as app_queue does).
   */
  CallCenterModel(Scheduler clock, Consumer<AmiMessage> sink, long seed, List<String> queues, int agentCount,
                  String systemName, SurveyLine survey, int wrapUpSeconds) {
    this.wrapUpSeconds = wrapUpSeconds;
    this.survey = survey;
    this.surveyAnswers = new SurveyAnswers(seed);
    this.clock = clock;
    this.sink = sink;
    this.random = new Random(seed);
    this.callers = new Callers(seed);
    this.queues = queues.isEmpty() ? List.of("support") : List.copyOf(queues);
    this.systemName = systemName == null || systemName.isBlank() ? "pbx" : systemName;
    for (int i = 0; i < agentCount; i++) {
      int ext = 101 + i;
      agents.add(new Agent("PJSIP/agent" + ext, "Agent " + ext, String.valueOf(ext)));
    }
    this.queues.forEach(q -> waiting.put(q, new ArrayList<>()));
  }

  List<IntendedCall> intended() {
    return intended;
  }

  List<Agent> agents() {
    return agents;
  }

  /** Announces the queue members, as Asterisk does when a client asks or a member changes. */
  void announceMembers() {
    for (String q : queues) {
      for (Agent a : agents) {
        emit(memberStatus(q, a, a.busy ? 2 : 1));
      }
    }
  }

  /** A new inbound call now, its caller, queue and plan drawn from the seeded mix. */
  void newCall() {
    double now = clock.now();
    String uid = uniqueid(now);
    Callers.Caller caller = callers.next(new Callers.Caller(
        "+1555" + String.format(Locale.ROOT, "%07d", random.nextInt(10_000_000)),
        FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)]));
    String queue = queues.get(random.nextInt(queues.size()));
    Plan plan = MIX[random.nextInt(MIX.length)];
    arrive(uid, caller.number(), caller.name(), queue, plan, null);
  }

  /** A test's call now, drawing nothing from the seed; returns its call id ({@code systemname:linkedid}). */
  String offer(ScriptedCall script) {
    if (!waiting.containsKey(script.queue())) {
      throw new IllegalArgumentException("no queue '" + script.queue() + "'; the simulator has " + queues);
    }
    String uid = uniqueid(clock.now());
    arrive(uid, script.caller(), script.callerName() == null ? "" : script.callerName(), script.queue(),
        Plan.AGENT_HANGS_UP, script);
    return systemName + ":" + uid;
  }

  private void arrive(String uid, String number, String name, String queue, Plan plan, ScriptedCall script) {
    double now = clock.now();
    Leg cust = new Leg(String.format(Locale.ROOT, "PJSIP/trunk-%08x", trunkSeq++), uid, uid, number, name,
        "from-pstn", "100");
    legsByName.put(cust.name, cust);
    List<Call> line = waiting.get(queue);
    Call call = new Call(cust, queue, plan, now, line.size() + 1);
    call.script = script;
    emit(cust.snapshot(event("Newchannel", "call,all"), ""));
    emit(device("PJSIP/trunk", "INUSE"));
    cust.state = 4;
    emit(cust.snapshot(event("Newstate", "call,all"), ""));
    clock.at(now + 0.05, () -> {
      cust.state = 6;
      cust.priority = 7;
      emit(cust.snapshot(event("Newstate", "call,all"), ""));
    });
    clock.at(now + 0.3, () -> {
      call.joinedAt = clock.now();
      line.add(call);
      emit(cust.snapshot(event("QueueCallerJoin", "agent,all"), "").add("Queue", queue)
          .add("Position", line.size()).add("Count", line.size()));
      double patience = call.plan == Plan.ABANDON ? 3 + random.nextDouble() * 25 : 600;
      clock.at(clock.now() + patience, () -> abandon(call));
      if (call.plan == Plan.TIMEOUT) {
        clock.at(clock.now() + 8 + random.nextDouble() * 10, () -> timeout(call));
      }
      // callers who will abandon mostly find every agent busy: ring only after their patience runs out
      clock.at(clock.now() + (call.plan == Plan.ABANDON || call.plan == Plan.TIMEOUT ? 700 : 0.02),
          () -> tryRing(call));
    });
  }

  private void tryRing(Call call) {
    if (call.done || call.answeredAt >= 0 || call.agentLeg != null) {
      return;
    }
    Agent agent = freeAgent();
    if (agent == null) {
      clock.at(clock.now() + 1, () -> tryRing(call));
      return;
    }
    agent.busy = true;
    call.agent = agent;
    double now = clock.now();
    Leg leg = new Leg(agent.iface + "-" + String.format(Locale.ROOT, "%08x", trunkSeq++), uniqueid(now),
        call.customer.linkedid, agent.extension, agent.name, "from-internal", "s");
    leg.connectedNum = call.customer.callerNum;
    leg.connectedName = call.customer.callerName;
    legsByName.put(leg.name, leg);
    call.agentLeg = leg;
    emit(leg.snapshot(event("Newchannel", "call,all"), ""));
    emit(memberStatus(call.queue, agent, 6));
    emit(leg.snapshot(call.customer.snapshot(event("AgentCalled", "agent,all"), ""), "Dest")
        .add("Queue", call.queue).add("MemberName", agent.name).add("Interface", agent.iface));
    emit(leg.snapshot(call.customer.snapshot(event("DialBegin", "call,all"), ""), "Dest")
        .add("DialString", agent.iface.substring(agent.iface.indexOf('/') + 1)));
    leg.state = 5;
    emit(leg.snapshot(event("Newstate", "call,all"), ""));
    boolean ringOut = call.plan == Plan.RING_NO_ANSWER && !call.rangOut;
    double ring = call.script != null ? 1 : ringOut ? 5 : 1 + random.nextDouble() * 5;
    clock.at(now + ring, () -> {
      if (call.done || call.agentLeg != leg) {
        return;
      }
      if (ringOut) {
        ringNoAnswer(call, leg, agent, ring);
      } else {
        answer(call, leg, agent, ring);
      }
    });
  }

  private Agent freeAgent() {
    for (int i = 0; i < agents.size(); i++) {
      Agent a = agents.get((nextAgent + i) % agents.size());
      if (!a.busy && !a.paused && clock.now() >= a.wrapUpUntil) { // app_queue skips a member in wrap-up
        nextAgent = (nextAgent + i + 1) % agents.size();
        return a;
      }
    }
    return null;
  }

  private void ringNoAnswer(Call call, Leg leg, Agent agent, double ring) {
    call.rangOut = true;
    emit(leg.snapshot(call.customer.snapshot(event("AgentRingNoAnswer", "agent,all"), ""), "Dest")
        .add("Queue", call.queue).add("MemberName", agent.name).add("Interface", agent.iface)
        .add("RingTime", Math.round(ring * 1000))); // milliseconds here, seconds in AgentConnect
    cancelRing(call, leg, agent, "NOANSWER");
    clock.at(clock.now() + 1, () -> tryRing(call));
  }

  /** Stops ringing an agent leg: DialEnd (twice, as app_queue does), Hangup, the member is free again. */
  private void cancelRing(Call call, Leg leg, Agent agent, String firstStatus) {
    emit(leg.snapshot(call.customer.snapshot(event("DialEnd", "call,all"), ""), "Dest").add("DialStatus", firstStatus));
    emit(leg.snapshot(call.customer.snapshot(event("DialEnd", "call,all"), ""), "Dest").add("DialStatus", "CANCEL"));
    emit(leg.snapshot(event("Hangup", "call,all"), "").add("Cause", 26).add("Cause-txt", "Answered elsewhere"));
    emit(cdr(call.customer, leg, "NO ANSWER"));
    agent.busy = false;
    call.agentLeg = null;
    call.agent = null;
    emit(memberStatus(call.queue, agent, 1));
  }

  private void answer(Call call, Leg leg, Agent agent, double ring) {
    double now = clock.now();
    List<Call> line = waiting.get(call.queue);
    int position = line.indexOf(call) + 1;
    line.remove(call);
    call.answeredAt = now;
    call.answeringAgent = agent.iface;
    agent.callsTaken++;
    leg.state = 6;
    leg.exten = "100";
    call.customer.connectedNum = agent.extension;
    call.customer.connectedName = agent.name;
    emit(leg.snapshot(event("Newstate", "call,all"), ""));
    emit(leg.snapshot(call.customer.snapshot(event("DialEnd", "call,all"), ""), "Dest").add("DialStatus", "ANSWER"));
    emit(call.customer.snapshot(event("QueueCallerLeave", "agent,all"), "").add("Queue", call.queue)
        .add("Count", line.size()).add("Position", Math.max(1, position)));
    emit(leg.snapshot(call.customer.snapshot(event("AgentConnect", "agent,all"), ""), "Dest")
        .add("Queue", call.queue).add("MemberName", agent.name).add("Interface", agent.iface)
        .add("HoldTime", (long) (now - call.joinedAt)).add("RingTime", (long) ring));
    emit(memberStatus(call.queue, agent, 2));
    call.bridge = UUID.nameUUIDFromBytes((call.customer.uniqueid + "/b").getBytes()).toString();
    emit(bridge("BridgeCreate", call.bridge));
    bridgeEnter(call, call.customer);
    bridgeEnter(call, leg);
    double talk = call.script != null ? call.script.talkSeconds() : 8 + random.nextDouble() * 40;
    switch (call.plan) {
      case HOLD -> {
        double holdAt = now + 2 + random.nextDouble() * (talk / 2);
        double held = 3 + random.nextDouble() * 8;
        clock.at(holdAt, () -> hold(call, leg, true));
        clock.at(holdAt + held, () -> hold(call, leg, false));
        clock.at(holdAt + held + 2 + random.nextDouble() * 5, () -> end(call, false));
      }
      case BLIND_TRANSFER -> clock.at(now + 3 + random.nextDouble() * 10, () -> blindTransfer(call));
      case ATTENDED_TRANSFER -> clock.at(now + 3 + random.nextDouble() * 10, () -> attendedTransfer(call));
      case AGENT_HANGS_UP -> clock.at(now + talk, () -> {
        if (survey == null) {
          end(call, true);
        } else {
          agentHangsUpCallerGoesOn(call);
        }
      });
      default -> clock.at(now + talk, () -> end(call, false));
    }
  }

  private void bridgeEnter(Call call, Leg leg) {
    emit(leg.snapshot(event("BridgeEnter", "call,all").add("BridgeUniqueid", call.bridge).add("BridgeType", "basic")
        .add("BridgeTechnology", "simple_bridge").add("BridgeCreator", "<unknown>").add("BridgeName", "<unknown>")
        .add("BridgeNumChannels", 1).add("BridgeVideoSourceMode", "none"), ""));
  }

  private void bridgeLeave(Call call, Leg leg) {
    bridgeLeave(call, leg, 1);
  }

  /** {@code remaining}: the channels still in the bridge after this one left (trace 04: 1, then 0). */
  private void bridgeLeave(Call call, Leg leg, int remaining) {
    emit(leg.snapshot(event("BridgeLeave", "call,all").add("BridgeUniqueid", call.bridge).add("BridgeType", "basic")
        .add("BridgeTechnology", "simple_bridge").add("BridgeCreator", "<unknown>").add("BridgeName", "<unknown>")
        .add("BridgeNumChannels", remaining).add("BridgeVideoSourceMode", "none"), ""));
  }

  private void hold(Call call, Leg leg, boolean on) {
    if (call.done) {
      return;
    }
    if (on) {
      call.heldSince = clock.now();
      emit(leg.snapshot(event("Hold", "call,all"), "").add("MusicClass", "default"));
      emit(call.customer.snapshot(event("MusicOnHoldStart", "call,all"), "").add("Class", "default"));
    } else {
      call.holdSeconds += clock.now() - call.heldSince;
      emit(leg.snapshot(event("Unhold", "call,all"), ""));
      emit(call.customer.snapshot(event("MusicOnHoldStop", "call,all"), ""));
    }
  }

  /** A blind transfer as chan_sip/PJSIP REFER shows it (trace 06), then a plain Dial to another agent. */
  private void blindTransfer(Call call) {
    if (call.done) {
      return;
    }
    Leg from = call.agentLeg;
    Agent fromAgent = call.agent;
    Agent target = freeAgent();
    if (target == null) {
      end(call, false); // nobody to transfer to: the conversation just ends
      return;
    }
    target.busy = true;
    double now = clock.now();
    call.transfers++;
    emit(from.snapshot(event("Unhold", "call,all"), "")); // chan_sip's spurious Unhold before a REFER
    emit(call.customer.snapshot(from.snapshot(event("BlindTransfer", "call,all").add("Result", "Success"), "Transferer"),
        "Transferee").add("BridgeUniqueid", call.bridge).add("BridgeType", "basic").add("IsExternal", "Yes")
        .add("Context", "agent-transfer").add("Extension", target.extension));
    bridgeLeave(call, call.customer);
    agentComplete(call, from, fromAgent, now, "transfer");
    bridgeLeave(call, from);
    Leg to = new Leg(target.iface + "-" + String.format(Locale.ROOT, "%08x", trunkSeq++), uniqueid(now),
        call.customer.linkedid, target.extension, target.name, "from-internal", "s");
    to.connectedNum = call.customer.callerNum;
    to.connectedName = call.customer.callerName;
    emit(to.snapshot(event("Newchannel", "call,all"), ""));
    emit(to.snapshot(call.customer.snapshot(event("DialBegin", "call,all"), ""), "Dest")
        .add("DialString", target.iface.substring(target.iface.indexOf('/') + 1)));
    emit(from.snapshot(event("Hangup", "call,all"), "").add("Cause", 16).add("Cause-txt", "Normal Clearing"));
    fromAgent.busy = false;
    emit(memberStatus(call.queue, fromAgent, 1));
    clock.at(now + 2, () -> {
      if (call.done) {
        return;
      }
      to.state = 6;
      emit(to.snapshot(event("Newstate", "call,all"), ""));
      emit(to.snapshot(call.customer.snapshot(event("DialEnd", "call,all"), ""), "Dest").add("DialStatus", "ANSWER"));
      call.bridge = UUID.nameUUIDFromBytes((to.uniqueid + "/b").getBytes()).toString();
      bridgeEnter(call, call.customer);
      bridgeEnter(call, to);
      call.agentLeg = to;
      call.agent = target;
      clock.at(clock.now() + 4 + random.nextDouble() * 10, () -> end(call, false));
    });
  }

  /**
   * An attended transfer: the agent holds the customer, calls a colleague from their own phone (a new call with its
   * own Linkedid), then joins the customer to the colleague. The colleague's channel enters the customer's bridge and
   * takes the customer's older Linkedid; the agent's two channels hang up.
   */
  private void attendedTransfer(Call call) {
    if (call.done) {
      return;
    }
    Agent target = freeAgent();
    if (target == null) {
      end(call, false);
      return;
    }
    target.busy = true;
    Leg from = call.agentLeg;
    Agent fromAgent = call.agent;
    hold(call, from, true);
    double now = clock.now();
    if ((call.customer.uniqueid.hashCode() & 1) == 0) { // half of them as AMI Atxfer does it (no extra random draw)
      attendedThroughLocal(call, from, fromAgent, target, now);
      return;
    }
    String consultUid = uniqueid(now);
    Leg consult = new Leg(fromAgent.iface + "-" + String.format(Locale.ROOT, "%08x", trunkSeq++), consultUid,
        consultUid, fromAgent.extension, fromAgent.name, "from-internal", target.extension);
    Leg to = new Leg(target.iface + "-" + String.format(Locale.ROOT, "%08x", trunkSeq++), uniqueid(now), consultUid,
        target.extension, target.name, "from-internal", "s");
    to.connectedNum = fromAgent.extension;
    to.connectedName = fromAgent.name;
    emit(consult.snapshot(event("Newchannel", "call,all"), ""));
    consult.state = 4;
    emit(consult.snapshot(event("Newstate", "call,all"), ""));
    emit(to.snapshot(event("Newchannel", "call,all"), ""));
    emit(to.snapshot(consult.snapshot(event("DialBegin", "call,all"), ""), "Dest")
        .add("DialString", target.iface.substring(target.iface.indexOf('/') + 1)));
    to.state = 5;
    emit(to.snapshot(event("Newstate", "call,all"), ""));
    String consultBridge = UUID.nameUUIDFromBytes((consultUid + "/c").getBytes()).toString();
    Call consultCall = new Call(consult, null, Plan.CALLER_HANGS_UP, now, 0);
    consultCall.bridge = consultBridge;
    clock.at(now + 2, () -> {
      to.state = 6;
      consult.state = 6;
      emit(to.snapshot(event("Newstate", "call,all"), ""));
      emit(to.snapshot(consult.snapshot(event("DialEnd", "call,all"), ""), "Dest").add("DialStatus", "ANSWER"));
      emit(bridge("BridgeCreate", consultBridge));
      bridgeEnter(consultCall, consult);
      bridgeEnter(consultCall, to);
      clock.at(clock.now() + 3 + random.nextDouble() * 4, () -> {
        if (call.done) {
          return;
        }
        double t = clock.now();
        call.holdSeconds += t - call.heldSince;
        emit(to.snapshot(call.customer.snapshot(consult.snapshot(from.snapshot(
            event("AttendedTransfer", "call,all").add("Result", "Success"), "OrigTransferer")
            .add("OrigBridgeUniqueid", call.bridge).add("OrigBridgeType", "basic"), "SecondTransferer")
            .add("SecondBridgeUniqueid", consultBridge).add("SecondBridgeType", "basic")
            .add("DestType", "Bridge").add("DestBridgeUniqueid", call.bridge), "Transferee"), "TransferTarget"));
        emit(call.customer.snapshot(event("MusicOnHoldStop", "call,all"), ""));
        bridgeLeave(call, from);
        bridgeLeave(consultCall, consult);
        bridgeLeave(consultCall, to);
        to.linkedid = call.customer.linkedid; // joining the customer's bridge: everyone takes the oldest Linkedid
        to.connectedNum = call.customer.callerNum;
        to.connectedName = call.customer.callerName;
        bridgeEnter(call, to);
        agentComplete(call, from, fromAgent, t, "transfer");
        emit(consult.snapshot(event("Hangup", "call,all"), "").add("Cause", 16).add("Cause-txt", "Normal Clearing"));
        emit(from.snapshot(event("Hangup", "call,all"), "").add("Cause", 16).add("Cause-txt", "Normal Clearing"));
        emit(bridge("BridgeDestroy", consultBridge));
        fromAgent.busy = false;
        emit(memberStatus(call.queue, fromAgent, 1));
        call.transfers++;
        call.agentLeg = to;
        call.agent = target;
        clock.at(t + 4 + random.nextDouble() * 10, () -> end(call, false));
      });
    });
  }

  /**
   * An attended transfer as AMI {@code Atxfer} makes it (live trace 13): the agent's own channel leaves the customer
   * (on hold) for a bridge with a Local channel pair that dials the colleague, all on the customer's Linkedid. When the
   * agent hangs up, the AttendedTransfer names no target (DestType Bridge); the Local pair is optimised away and the
   * colleague's channel joins the customer's bridge a moment later.
   */
  private void attendedThroughLocal(Call call, Leg from, Agent fromAgent, Agent target, double now) {
    String linkedid = call.customer.linkedid;
    String local = "Local/" + target.extension + "@agent-transfer-" + String.format(Locale.ROOT, "%08x", trunkSeq++);
    Leg localOne = new Leg(local + ";1", uniqueid(now), linkedid, fromAgent.extension, fromAgent.name,
        "agent-transfer", target.extension);
    Leg localTwo = new Leg(local + ";2", uniqueid(now), linkedid, fromAgent.extension, fromAgent.name,
        "agent-transfer", target.extension);
    Leg to = new Leg(target.iface + "-" + String.format(Locale.ROOT, "%08x", trunkSeq++), uniqueid(now), linkedid,
        target.extension, target.name, "agent-transfer", "s");
    Call consult = new Call(localOne, null, Plan.CALLER_HANGS_UP, now, 0); // agent ↔ Local;1
    consult.bridge = UUID.nameUUIDFromBytes((localOne.uniqueid + "/c").getBytes()).toString();
    Call ringing = new Call(localTwo, null, Plan.CALLER_HANGS_UP, now, 0); // Local;2 ↔ the colleague
    ringing.bridge = UUID.nameUUIDFromBytes((localTwo.uniqueid + "/r").getBytes()).toString();
    emit(localOne.snapshot(event("Newchannel", "call,all"), ""));
    emit(localTwo.snapshot(event("Newchannel", "call,all"), ""));
    bridgeEnter(consult, localOne);
    emit(to.snapshot(event("Newchannel", "call,all"), ""));
    emit(to.snapshot(localTwo.snapshot(event("DialBegin", "call,all"), ""), "Dest")
        .add("DialString", target.iface.substring(target.iface.indexOf('/') + 1)));
    bridgeLeave(call, from);
    bridgeEnter(consult, from);
    to.state = 5;
    emit(to.snapshot(event("Newstate", "call,all"), ""));
    clock.at(now + 2, () -> {
      to.state = 6;
      localTwo.state = 6;
      emit(to.snapshot(event("Newstate", "call,all"), ""));
      emit(to.snapshot(localTwo.snapshot(event("DialEnd", "call,all"), ""), "Dest").add("DialStatus", "ANSWER"));
      bridgeEnter(ringing, to);
      bridgeEnter(ringing, localTwo);
      clock.at(clock.now() + 3 + random.nextDouble() * 4, () -> {
        if (call.done) {
          return;
        }
        double t = clock.now();
        call.holdSeconds += t - call.heldSince;
        bridgeLeave(consult, from);
        emit(call.customer.snapshot(event("MusicOnHoldStop", "call,all"), ""));
        bridgeLeave(consult, localOne);
        bridgeEnter(call, localOne);
        emit(call.customer.snapshot(from.snapshot(from.snapshot(
            event("AttendedTransfer", "call,all").add("Result", "Success"), "OrigTransferer")
            .add("OrigBridgeUniqueid", call.bridge).add("OrigBridgeType", "basic"), "SecondTransferer")
            .add("SecondBridgeUniqueid", consult.bridge).add("SecondBridgeType", "basic")
            .add("DestType", "Bridge").add("DestBridgeUniqueid", call.bridge), "Transferee"));
        agentComplete(call, from, fromAgent, t, "transfer");
        emit(from.snapshot(event("Hangup", "call,all"), "").add("Cause", 16).add("Cause-txt", "Normal Clearing"));
        fromAgent.busy = false;
        emit(memberStatus(call.queue, fromAgent, 1));
        call.transfers++;
        call.agentLeg = to;
        call.agent = target;
        clock.at(t + 0.3, () -> { // the Local pair optimises itself away
          bridgeLeave(ringing, to);
          bridgeLeave(call, localOne);
          bridgeEnter(call, to);
          emit(localOne.snapshot(event("Hangup", "call,all"), "").add("Cause", 16).add("Cause-txt", "Normal Clearing"));
          bridgeLeave(ringing, localTwo);
          emit(localTwo.snapshot(event("Hangup", "call,all"), "").add("Cause", 16).add("Cause-txt", "Normal Clearing"));
          clock.at(clock.now() + 4 + random.nextDouble() * 10, () -> end(call, false));
        });
      });
    });
  }

  /** The conversation ends: the caller or the agent hangs up first. */
  private void end(Call call, boolean agentFirst) {
    if (call.done) {
      return;
    }
    double now = clock.now();
    Leg agentLeg = call.agentLeg;
    Agent agent = call.agent;
    bridgeLeave(call, agentFirst ? agentLeg : call.customer);
    bridgeLeave(call, agentFirst ? call.customer : agentLeg);
    if (call.transfers == 0) {
      agentComplete(call, agentLeg, agent, now, agentFirst ? "agent" : "caller");
    }
    Leg first = agentFirst ? agentLeg : call.customer;
    Leg second = agentFirst ? call.customer : agentLeg;
    emit(first.snapshot(event("Hangup", "call,all"), "").add("Cause", 16).add("Cause-txt", "Normal Clearing"));
    emit(second.snapshot(event("Hangup", "call,all"), "").add("Cause", 16).add("Cause-txt", "Normal Clearing"));
    emit(bridge("BridgeDestroy", call.bridge));
    emit(cdr(call.customer, agentLeg, "ANSWERED"));
    agent.busy = false;
    emit(memberStatus(call.queue, agent, 1));
    finish(call, call.transfers > 0 ? "TRANSFERRED" : "ANSWERED", agentFirst ? "AGENT" : "CUSTOMER", now);
  }

  /**
   * The agent hangs up and, as {@code Queue(...,c)} does, the caller is not: trace 04 up to the bridge's end
   * (AgentComplete Reason agent, the agent's BridgeLeave and Hangup, the member free again, the caller's BridgeLeave,
   * BridgeDestroy), then no SoftHangupRequest for the caller, who goes on to {@code AGI(.../survey)}; the caller's
   * Hangup and the call's Cdr come only when the survey is over. Like the rest of this model, no HangupRequest: the
   * bridge, once it sees one, reads every call without one as cleared by the PBX.
   */
  private void agentHangsUpCallerGoesOn(Call call) {
    if (call.done) {
      return;
    }
    double now = clock.now();
    Leg agentLeg = call.agentLeg;
    Agent agent = call.agent;
    agentComplete(call, agentLeg, agent, now, "agent");
    bridgeLeave(call, agentLeg, 1);
    emit(agentLeg.snapshot(event("Hangup", "call,all"), "").add("Cause", 16).add("Cause-txt", "Normal Clearing"));
    agent.busy = false; // free for the next caller while this one is still in the survey
    emit(memberStatus(call.queue, agent, 1));
    bridgeLeave(call, call.customer, 0);
    emit(bridge("BridgeDestroy", call.bridge));
    call.customer.priority++; // the AGI() line after Queue()
    List<AgiKey> keys = call.script != null ? call.script.survey() : surveyAnswers.next();
    survey.take(call.customer, keys, call.script == null, callerHungUp -> {
      if (!call.done) {
        if (!callerHungUp) {
          call.customer.priority++; // the dialplan's Hangup() after the AGI
        }
        emit(call.customer.snapshot(event("Hangup", "call,all"), "").add("Cause", 16)
            .add("Cause-txt", "Normal Clearing"));
        emit(cdr(call.customer, agentLeg, "ANSWERED"));
        finish(call, "ANSWERED", "AGENT", now); // the conversation ended with the agent, not with the survey
      }
    });
  }

  private void abandon(Call call) {
    if (call.done || call.answeredAt >= 0) {
      return;
    }
    double now = clock.now();
    int position = stopWaiting(call);
    emit(call.customer.snapshot(event("QueueCallerAbandon", "agent,all"), "").add("Queue", call.queue)
        .add("Position", position).add("OriginalPosition", call.originalPosition)
        .add("HoldTime", (long) (now - call.joinedAt)));
    leaveQueue(call, position);
    emit(call.customer.snapshot(event("Hangup", "call,all"), "").add("Cause", 0).add("Cause-txt", "Unknown"));
    emit(cdr(call.customer, null, "NO ANSWER"));
    finish(call, "ABANDONED", "CUSTOMER", now);
  }

  /** The caller stops waiting: any agent still ringing is cancelled; returns the position they held. */
  private int stopWaiting(Call call) {
    if (call.agentLeg != null) {
      cancelRing(call, call.agentLeg, call.agent, "CANCEL");
    }
    List<Call> line = waiting.get(call.queue);
    int position = Math.max(1, line.indexOf(call) + 1);
    line.remove(call);
    return position;
  }

  private void leaveQueue(Call call, int position) {
    emit(call.customer.snapshot(event("QueueCallerLeave", "agent,all"), "").add("Queue", call.queue)
        .add("Count", waiting.get(call.queue).size()).add("Position", position));
  }

  /** The queue's own timeout: the caller leaves the queue unanswered and the dialplan goes on (voicemail). */
  private void timeout(Call call) {
    if (call.done || call.answeredAt >= 0) {
      return;
    }
    double now = clock.now();
    int position = stopWaiting(call);
    call.done = true; // no more ringing
    leaveQueue(call, position);
    double wait = now - call.joinedAt;
    clock.at(now + 3, () -> {
      emit(call.customer.snapshot(event("Hangup", "call,all"), "").add("Cause", 16).add("Cause-txt", "Normal Clearing"));
      call.done = false;
      finishTimedOut(call, wait, clock.now());
    });
  }

  private void finishTimedOut(Call call, double wait, double now) {
    call.done = true;
    intended.add(new IntendedCall(systemName + ":" + call.customer.linkedid, call.customer.callerNum, "TIMED_OUT",
        call.queue, null, "CUSTOMER", Math.round(wait), 0, 0, 0));
  }

  private void finish(Call call, String outcome, String endedBy, double now) {
    call.done = true;
    call.outcome = outcome;
    call.endedBy = endedBy;
    call.endedAt = now;
    long wait = Math.round((call.answeredAt >= 0 ? call.answeredAt : now) - call.joinedAt);
    long talk = call.answeredAt >= 0 ? Math.round(now - call.answeredAt) : 0;
    intended.add(new IntendedCall(systemName + ":" + call.customer.linkedid, call.customer.callerNum, outcome,
        call.queue, call.answeringAgent, endedBy, wait, talk, Math.round(call.holdSeconds), call.transfers));
  }

  // ---- outbound (AMI Originate): agent first, then the customer, as in trace 07 ----

  /**
   * Returns null when the agent's device is unknown. {@code presented} (the recipe's {@code ATTUNE_CALLERID}, may be
   * empty) is what the callback context sets as caller ID before dialling the customer, as in live trace 07.
   */
  String originateCallback(String agentIface, String customerNumber, String channelId, String actionId,
                           String presented) {
    Agent agent = agents.stream().filter(a -> a.iface.equalsIgnoreCase(agentIface)).findFirst().orElse(null);
    if (agent == null) {
      return null;
    }
    double now = clock.now();
    String uid = channelId != null && !channelId.isBlank() ? channelId : uniqueid(now);
    Leg agentLeg = new Leg(agent.iface + "-" + String.format(Locale.ROOT, "%08x", trunkSeq++), uid, uid,
        agent.extension, agent.name, "from-internal", "s");
    agentLeg.callerNum = customerNumber;
    emit(agentLeg.snapshot(event("Newchannel", "call,all"), ""));
    emit(agentLeg.snapshot(event("DialBegin", "call,all"), "Dest"));
    if (agent.busy) {
      clock.at(now + 0.2, () -> {
        emit(agentLeg.snapshot(event("DialEnd", "call,all"), "Dest").add("DialStatus", "BUSY"));
        emit(agentLeg.snapshot(event("Hangup", "call,all"), "").add("Cause", 17).add("Cause-txt", "User busy"));
        emit(originateResponse(actionId, "Failure", 5, agentLeg, customerNumber));
      });
      return uid;
    }
    agent.busy = true;
    agentLeg.state = 5;
    emit(agentLeg.snapshot(event("Newstate", "call,all"), ""));
    clock.at(now + 2, () -> {
      agentLeg.state = 6;
      emit(originateResponse(actionId, "Success", 4, agentLeg, customerNumber));
      emit(agentLeg.snapshot(event("Newstate", "call,all"), ""));
      emit(agentLeg.snapshot(event("DialEnd", "call,all"), "Dest").add("DialStatus", "ANSWER"));
      double t = clock.now();
      Leg cust = new Leg(String.format(Locale.ROOT, "PJSIP/trunk-%08x", trunkSeq++), uniqueid(t), uid,
          "<unknown>", "<unknown>", "from-pstn", "s");
      agentLeg.context = "callback";
      agentLeg.exten = customerNumber;
      if (presented != null && !presented.isBlank()) { // Set(CALLERID(num)=${ATTUNE_CALLERID})
        agentLeg.callerNum = presented;
        agentLeg.callerName = "<unknown>";
        emit(agentLeg.snapshot(event("NewCallerid", "call,all"), "")
            .add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
      }
      emit(cust.snapshot(event("Newchannel", "call,all"), ""));
      cust.callerNum = customerNumber;
      cust.connectedNum = agentLeg.callerNum; // what the customer's phone shows
      emit(cust.snapshot(agentLeg.snapshot(event("DialBegin", "call,all"), ""), "Dest")
          .add("DialString", "trunk/" + customerNumber));
      cust.state = 5;
      emit(cust.snapshot(event("Newstate", "call,all"), ""));
      clock.at(t + 3, () -> {
        cust.state = 6;
        emit(cust.snapshot(event("Newstate", "call,all"), ""));
        emit(cust.snapshot(agentLeg.snapshot(event("DialEnd", "call,all"), ""), "Dest").add("DialStatus", "ANSWER"));
        Call call = new Call(cust, null, Plan.CALLER_HANGS_UP, t, 0);
        call.bridge = UUID.nameUUIDFromBytes((uid + "/cb").getBytes()).toString();
        bridgeEnter(call, cust);
        bridgeEnter(call, agentLeg);
        double talk = 10 + random.nextDouble() * 30;
        double answered = clock.now();
        clock.at(answered + talk, () -> {
          bridgeLeave(call, cust);
          emit(cust.snapshot(event("Hangup", "call,all"), "").add("Cause", 16).add("Cause-txt", "Normal Clearing"));
          bridgeLeave(call, agentLeg);
          emit(agentLeg.snapshot(event("Hangup", "call,all"), "").add("Cause", 16).add("Cause-txt", "Normal Clearing"));
          agent.busy = false;
          intended.add(new IntendedCall(systemName + ":" + uid, customerNumber, "ANSWERED", null, agent.iface,
              "CUSTOMER", 0, Math.round(clock.now() - answered), 0, 0));
        });
      });
    });
    return uid;
  }

  private AmiMessage originateResponse(String actionId, String response, int reason, Leg leg, String exten) {
    AmiMessage m = event("OriginateResponse", "call,all");
    if (actionId != null) {
      m.add("ActionID", actionId);
    }
    return m.add("Response", response).add("Channel", leg.name).add("Context", "callback").add("Exten", exten)
        .add("Application", "").add("Data", "").add("Reason", reason).add("Uniqueid", leg.uniqueid)
        .add("CallerIDNum", exten).add("CallerIDName", "Callback");
  }

  boolean pause(String iface, boolean paused, String reason) {
    for (Agent a : agents) {
      if (a.iface.equalsIgnoreCase(iface)) {
        a.paused = paused;
        for (String q : queues) {
          emit(memberStatus(q, a, a.busy ? 2 : 1).set("Event", "QueueMemberPause").set("PausedReason", reason));
        }
        return true;
      }
    }
    return false;
  }

  // ---- event shapes ----

  private AmiMessage memberStatus(String queue, Agent a, int status) {
    return event("QueueMemberStatus", "agent,all").add("Queue", queue).add("MemberName", a.name)
        .add("Interface", a.iface).add("StateInterface", a.iface).add("Membership", "static").add("Penalty", 0)
        .add("CallsTaken", a.callsTaken).add("LastCall", a.lastCall).add("LastPause", 0).add("LoginTime", 0)
        .add("InCall", status == 2 ? 1 : 0).add("Status", status).add("Paused", a.paused ? 1 : 0)
        .add("PausedReason", "").add("Ringinuse", 0).add("Wrapuptime", wrapUpSeconds);
  }

  /** app_queue's account of one agent's conversation with the caller, ended at {@code at} for {@code reason}. */
  private void agentComplete(Call call, Leg leg, Agent agent, double at, String reason) {
    agent.lastCall = (long) at; // as update_queue() stamps the member when its call ends
    agent.wrapUpUntil = at + wrapUpSeconds;
    emit(leg.snapshot(call.customer.snapshot(event("AgentComplete", "agent,all"), ""), "Dest")
        .add("Queue", call.queue).add("MemberName", agent.name).add("Interface", agent.iface)
        .add("HoldTime", (long) (call.answeredAt - call.joinedAt)).add("TalkTime", (long) (at - call.answeredAt))
        .add("Reason", reason));
  }

  /** BridgeCreate or BridgeDestroy of an empty basic bridge. */
  private static AmiMessage bridge(String name, String bridgeId) {
    return event(name, "call,all").add("BridgeUniqueid", bridgeId).add("BridgeType", "basic")
        .add("BridgeTechnology", "simple_bridge").add("BridgeCreator", "<unknown>").add("BridgeName", "<unknown>")
        .add("BridgeNumChannels", 0).add("BridgeVideoSourceMode", "none");
  }

  private AmiMessage device(String device, String state) {
    return event("DeviceStateChange", "call,all").add("Device", device).add("State", state);
  }

  private AmiMessage cdr(Leg source, Leg dest, String disposition) {
    return event("Cdr", "cdr,all").add("AccountCode", "").add("Source", source.callerNum).add("Destination", "100")
        .add("DestinationContext", source.context).add("CallerID", "\"" + source.callerName + "\" <" + source.callerNum + ">")
        .add("Channel", source.name).add("DestinationChannel", dest == null ? "" : dest.name)
        .add("LastApplication", "Queue").add("LastData", "support,t,,,120").add("Disposition", disposition)
        .add("AMAFlags", "DOCUMENTATION").add("UniqueID", source.uniqueid).add("UserField", "");
  }

  private static AmiMessage event(String name, String privilege) {
    return AmiMessage.event(name, privilege);
  }

  private void emit(AmiMessage event) {
    event.insertAfter("Privilege", "Timestamp", String.format(Locale.ROOT, "%.6f", clock.now()));
    sink.accept(event);
  }

  private String uniqueid(double now) {
    return ((long) now) + "." + sequence++;
  }

  void restart() {
    sequence = 0;
    waiting.values().forEach(List::clear);
    agents.forEach(a -> a.busy = false);
  }
}
