package dev.attune.bridge.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CallState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.junit.jupiter.api.Test;

/**
 * A call answered while the AMI link was down: the AgentConnect is lost, the resync lists the agent's leg bridged, and
 * app_queue's AgentComplete at the end tells the real talk and wait. The record must say ANSWERED by that agent, with
 * the PBX's times, not ABANDONED.
 */
class AnsweredDuringOutageTest {
  private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
  private static final String CUSTOMER = "1795407672.0";
  private static final String AGENT_LEG = "1795407672.1";

  private final List<CallEventMessage> out = new ArrayList<>();
  private final CallTracker tracker = new CallTracker("pbx", out::add);

  private static <E extends ManagerEvent> E at(E event, double seconds) {
    event.setTimestamp(T0.getEpochSecond() + seconds);
    return event;
  }

  /** Customer joins "support" at 0 s and agent101 starts ringing at 2 s; then the link drops. */
  private void ringingWhenTheLinkDrops() {
    NewChannelEvent customer = at(new NewChannelEvent(this), 0);
    customer.setUniqueId(CUSTOMER);
    customer.setLinkedid(CUSTOMER);
    customer.setChannel("SIP/pstn-00000000");
    customer.setCallerIdNum("+15551230001");
    tracker.accept(customer);
    QueueCallerJoinEvent join = at(new QueueCallerJoinEvent(this), 0);
    join.setUniqueId(CUSTOMER);
    join.setLinkedId(CUSTOMER);
    join.setQueue("support");
    join.setPosition(1);
    tracker.accept(join);
    NewChannelEvent agentLeg = at(new NewChannelEvent(this), 2);
    agentLeg.setUniqueId(AGENT_LEG);
    agentLeg.setLinkedid(CUSTOMER);
    agentLeg.setChannel("SIP/agent101-00000001");
    tracker.accept(agentLeg);
    AgentCalledEvent called = at(new AgentCalledEvent(this), 2);
    called.setUniqueId(CUSTOMER);
    called.setLinkedId(CUSTOMER);
    called.setDestUniqueId(AGENT_LEG);
    called.setDestChannel("SIP/agent101-00000001");
    called.setInterface("SIP/agent101");
    called.setQueue("support");
    tracker.accept(called);
  }

  /** What the PBX lists when the link is back at {@code resyncAt}: both legs up and bridged. */
  private void resyncAt(double resyncAt) {
    Instant now = T0.plusMillis(Math.round(resyncAt * 1000));
    tracker.adoptChannel("pbx", CUSTOMER, CUSTOMER, "SIP/pstn-00000000", "+15551230001", "", "Queue",
        "support,t", true, T0);
    tracker.adoptChannel("pbx", AGENT_LEG, CUSTOMER, "SIP/agent101-00000001", "201", "Agent One",
        "AppQueue", "(Outgoing Line)", true, T0.plusSeconds(2));
    tracker.reconcile(java.util.Set.of(CUSTOMER, AGENT_LEG), now);
  }

  /** The customer hangs up at {@code end}; app_queue reports 4 s of queue wait and the talk since the answer at 6 s. */
  private void customerHangsUpAt(double end, long talkTime) {
    HangupEvent hangup = at(new HangupEvent(this), end);
    hangup.setUniqueId(CUSTOMER);
    hangup.setLinkedId(CUSTOMER);
    hangup.setChannel("SIP/pstn-00000000");
    hangup.setCause(16);
    tracker.accept(hangup);
    AgentCompleteEvent complete = at(new AgentCompleteEvent(this), end);
    complete.setUniqueId(CUSTOMER);
    complete.setLinkedId(CUSTOMER);
    complete.setDestUniqueId(AGENT_LEG);
    complete.setDestChannel("SIP/agent101-00000001");
    complete.setInterface("SIP/agent101");
    complete.setQueue("support");
    complete.setHoldTime(6L);
    complete.setTalkTime(talkTime);
    complete.setReason("caller");
    tracker.accept(complete);
    HangupEvent agentHangup = at(new HangupEvent(this), end + 0.01);
    agentHangup.setUniqueId(AGENT_LEG);
    agentHangup.setLinkedId(CUSTOMER);
    agentHangup.setChannel("SIP/agent101-00000001");
    agentHangup.setCause(16);
    tracker.accept(agentHangup);
    tracker.closeQuietCalls(T0.plusSeconds(3600), Duration.ZERO);
  }

  private CallRecord record() {
    return out.stream().map(CallEventMessage::event).filter(CallEnded.class::isInstance).map(CallEnded.class::cast)
        .map(CallEnded::record).findFirst().orElseThrow();
  }

  @Test
  void theResyncShowsTheCallAnsweredAndAnnouncesIt() {
    ringingWhenTheLinkDrops();
    resyncAt(14);

    assertThat(tracker.liveCalls()).singleElement().satisfies(call -> {
      assertThat(call.state()).isEqualTo(CallState.ANSWERED);
      assertThat(call.agent()).isEqualTo("SIP/agent101");
    });
    assertThat(out).extracting(CallEventMessage::event).filteredOn(CallAnswered.class::isInstance).hasSize(1);
    assertThat(tracker.legsOf("pbx:" + CUSTOMER).agentUniqueid()).as("the agent's voice can be tapped now")
        .isEqualTo(AGENT_LEG);
  }

  @Test
  void agentCompleteGivesTheRealTalkAndWait() {
    ringingWhenTheLinkDrops();
    resyncAt(14);
    customerHangsUpAt(40, 34); // answered at 6 s, while the link was down

    CallRecord record = record();
    assertThat(record.outcome()).isEqualTo(CallOutcome.ANSWERED);
    assertThat(record.agent()).isEqualTo("SIP/agent101");
    assertThat(record.talkSeconds()).isBetween(33L, 35L);
    assertThat(record.waitSeconds()).isBetween(5L, 7L);
    assertThat(record.estimated()).isFalse();
  }

  @Test
  void anAnswerNeverSeenIsTakenFromAgentCompleteAlone() {
    ringingWhenTheLinkDrops(); // the link comes back only after the call was answered; no resync listed it bridged
    customerHangsUpAt(40, 34);

    CallRecord record = record();
    assertThat(record.outcome()).isEqualTo(CallOutcome.ANSWERED);
    assertThat(record.agent()).isEqualTo("SIP/agent101");
    assertThat(record.talkSeconds()).isBetween(33L, 35L);
    assertThat(out).extracting(CallEventMessage::event).filteredOn(CallAnswered.class::isInstance)
        .singleElement().satisfies(e -> assertThat(e.at()).isEqualTo(T0.plusSeconds(6)));
  }

  @Test
  void aCallFirstSeenInTheResyncGetsItsQueueWaitFromThePbx() {
    resyncAt(14); // nothing seen before the link dropped
    customerHangsUpAt(40, 34);

    CallRecord record = record();
    assertThat(record.outcome()).isEqualTo(CallOutcome.ANSWERED);
    assertThat(record.queuedAt()).isEqualTo(T0);
    assertThat(record.answeredAt()).isEqualTo(T0.plusSeconds(6));
    assertThat(record.waitSeconds()).isEqualTo(6);
    assertThat(record.estimated()).isFalse();
  }

  @Test
  void aCallFirstSeenInTheResyncThatEndsUnseenSaysItsTimesAreEstimates() {
    resyncAt(14);
    tracker.reconcile(java.util.Set.of(), T0.plusSeconds(60)); // gone at the next resync, AgentComplete lost too

    assertThat(record().estimated()).isTrue();
  }
}
