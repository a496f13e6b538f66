package dev.attune.bridge.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.bus.AgentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.junit.jupiter.api.Test;

/**
 * An agent's standing from app_queue's events, as Asterisk 20 sends them (trace README: a QueuePause without a queue
 * gives one QueueMemberPause per queue, with PausedReason): paused while paused in any queue, logged out when in
 * none, each change handed on once, and a resync's member list replacing what was known.
 */
class AgentStatesTest {
  private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");
  private final List<AgentStatus> published = new ArrayList<>();
  private final AgentStates states = new AgentStates(published::add);

  private static QueueMemberStatusEvent status(String queue, String iface, boolean paused) {
    QueueMemberStatusEvent e = new QueueMemberStatusEvent(new Object());
    e.setQueue(queue);
    e.setInterface(iface);
    e.setPaused(paused);
    return e;
  }

  private static QueueMemberPauseEvent pause(String queue, String iface, boolean paused, String reason) {
    QueueMemberPauseEvent e = new QueueMemberPauseEvent(new Object());
    e.setQueue(queue);
    e.setInterface(iface);
    e.setPaused(paused);
    e.setPausedreason(reason);
    return e;
  }

  @Test
  void aPauseInEveryQueueIsOnePausedStandingWithItsReasonAndResumingEndsIt() {
    states.accept(status("support", "SIP/agent1", false), T0);
    states.accept(status("sales", "SIP/agent1", false), T0);
    assertThat(published).singleElement().satisfies(s -> {
      assertThat(s.loggedIn()).isTrue();
      assertThat(s.paused()).isFalse();
    });
    states.accept(pause("support", "SIP/agent1", true, "coffee"), T0.plusSeconds(10));
    states.accept(pause("sales", "SIP/agent1", true, "coffee"), T0.plusSeconds(10));
    assertThat(published).hasSize(2);
    assertThat(published.get(1)).isEqualTo(new AgentStatus("SIP/agent1", true, true, "coffee", T0.plusSeconds(10)));

    states.accept(status("support", "SIP/agent1", true), T0.plusSeconds(20)); // a status event while paused
    assertThat(published).as("nothing changed").hasSize(2);

    states.accept(pause("support", "SIP/agent1", false, ""), T0.plusSeconds(30));
    assertThat(published).as("still paused in sales").hasSize(2);
    states.accept(pause("sales", "SIP/agent1", false, ""), T0.plusSeconds(31));
    assertThat(published.get(2)).isEqualTo(new AgentStatus("SIP/agent1", true, false, null, T0.plusSeconds(31)));
  }

  @Test
  void leavingEveryQueueLogsOutAndAResyncReplacesWhatWasKnown() {
    states.accept(status("support", "SIP/agent2", false), T0);
    QueueMemberRemovedEvent removed = new QueueMemberRemovedEvent(new Object());
    removed.setQueue("support");
    removed.setInterface("SIP/agent2");
    states.accept(removed, T0.plusSeconds(5));
    assertThat(published.get(published.size() - 1).loggedIn()).isFalse();

    QueueMemberEvent listed = new QueueMemberEvent(new Object());
    listed.setQueue("billing");
    listed.setLocation("SIP/agent3");
    listed.setPaused(true);
    listed.setPausedreason("meeting");
    states.resync(List.of(listed), T0.plusSeconds(60));
    assertThat(published.get(published.size() - 1))
        .isEqualTo(new AgentStatus("SIP/agent3", true, true, "meeting", T0.plusSeconds(60)));
  }

  /**
   * The recorded trace 03 (Asterisk 20): agent1 paused for "coffee" and agent3 for "meeting" before the call, agent1
   * taken back at t=4.50; what is known at the end is what the PBX's own events said.
   */
  @Test
  void theRecordedPausesOfTrace03() throws Exception {
    java.nio.file.Path trace = java.nio.file.Path.of(System.getProperty("attune.project.dir"), "testdata",
        "ami-traces", "03-ringnoanswer-then-answered.ami");
    for (org.asteriskjava.manager.event.ManagerEvent e : org.asteriskjava.manager.internal.TraceEvents.read(trace)) {
      states.accept(e, T0);
    }
    java.util.Map<String, AgentStatus> last = new java.util.HashMap<>();
    published.forEach(s -> last.put(s.agent(), s));
    assertThat(last.get("SIP/agent3").paused()).isTrue();
    assertThat(last.get("SIP/agent3").pauseReason()).isEqualTo("meeting");
    assertThat(last.get("SIP/agent1").paused()).as("taken back at t=4.50").isFalse();
    assertThat(published).filteredOn(s -> s.agent().equals("SIP/agent1") && s.paused())
        .extracting(AgentStatus::pauseReason).containsExactly("coffee");
  }

  private static AgentCompleteEvent complete(String queue, String iface) {
    AgentCompleteEvent e = new AgentCompleteEvent(new Object());
    e.setQueue(queue);
    e.setInterface(iface);
    return e;
  }

  /** Queues' own wrapuptime as queues.conf would set it: support 20 s, sales none. */
  private final AgentStates withQueueWrapUp = new AgentStates(published::add, q -> q.equals("support") ? 20 : 0);

  @Test
  void aQueueCallEndsInTheMembersOwnWrapUpElseItsQueuesAndAQueueWithoutOneLeavesTheAgentAvailable() {
    QueueMemberStatusEvent own = status("support", "SIP/agent1", false);
    own.setWrapuptime(45); // the member's own wrapuptime wins over its queue's
    withQueueWrapUp.accept(own, T0);
    withQueueWrapUp.accept(status("support", "SIP/agent2", false), T0);
    withQueueWrapUp.accept(status("sales", "SIP/agent3", false), T0);
    published.clear();

    withQueueWrapUp.accept(complete("support", "SIP/agent1"), T0.plusSeconds(100));
    withQueueWrapUp.accept(complete("support", "SIP/agent2"), T0.plusSeconds(100));
    withQueueWrapUp.accept(complete("sales", "SIP/agent3"), T0.plusSeconds(100));
    assertThat(published).containsExactly(
        new AgentStatus("SIP/agent1", true, false, null, T0.plusSeconds(100), T0.plusSeconds(145)),
        new AgentStatus("SIP/agent2", true, false, null, T0.plusSeconds(100), T0.plusSeconds(120)));
  }

  @Test
  void aWrapUpRunOutIsNotSentAgainAndTheStandingDatesFromItsEnd() {
    withQueueWrapUp.accept(status("support", "SIP/agent2", false), T0);
    withQueueWrapUp.accept(complete("support", "SIP/agent2"), T0.plusSeconds(100));
    published.clear();

    withQueueWrapUp.accept(status("support", "SIP/agent2", false), T0.plusSeconds(110));
    assertThat(published).as("still in wrap-up: nothing changed").isEmpty();
    withQueueWrapUp.accept(status("support", "SIP/agent2", false), T0.plusSeconds(130)); // rung for the next call
    assertThat(published).containsExactly(
        new AgentStatus("SIP/agent2", true, false, null, T0.plusSeconds(120), null));

    withQueueWrapUp.accept(complete("support", "SIP/agent2"), T0.plusSeconds(200));
    withQueueWrapUp.accept(pause("support", "SIP/agent2", true, "lunch"), T0.plusSeconds(205));
    assertThat(published.get(published.size() - 1)).as("paused in wrap-up: the pause is what the screens show")
        .isEqualTo(new AgentStatus("SIP/agent2", true, true, "lunch", T0.plusSeconds(205), T0.plusSeconds(220)));
  }

  @Test
  void aResyncFindsAnAgentStillInWrapUpFromItsLastCall() {
    QueueMemberEvent wrapping = new QueueMemberEvent(new Object());
    wrapping.setQueue("support");
    wrapping.setLocation("SIP/agent4");
    wrapping.setLastCall(T0.getEpochSecond() - 5); // its last call ended 5 s before the resync
    wrapping.setIncall(0);
    wrapping.setWrapuptime(0);
    QueueMemberEvent talking = new QueueMemberEvent(new Object());
    talking.setQueue("support");
    talking.setLocation("SIP/agent5");
    talking.setLastCall(T0.getEpochSecond() - 5);
    talking.setIncall(1); // on another call since: no wrap-up
    QueueMemberEvent longAgo = new QueueMemberEvent(new Object());
    longAgo.setQueue("support");
    longAgo.setLocation("SIP/agent6");
    longAgo.setLastCall(T0.getEpochSecond() - 300);
    withQueueWrapUp.resync(List.of(wrapping, talking, longAgo), T0);
    assertThat(published).extracting(AgentStatus::agent, AgentStatus::wrapUpUntil).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("SIP/agent4", T0.plusSeconds(15)),
        org.assertj.core.groups.Tuple.tuple("SIP/agent5", null),
        org.assertj.core.groups.Tuple.tuple("SIP/agent6", null));
  }

  /** Asterisk 20's own AgentComplete (trace 05) names the member's interface: its wrap-up follows. */
  @Test
  void theRecordedAgentCompleteOfTrace05StartsTheQueuesWrapUp() throws Exception {
    java.nio.file.Path trace = java.nio.file.Path.of(System.getProperty("attune.project.dir"), "testdata",
        "ami-traces", "05-hold-unhold.ami");
    for (org.asteriskjava.manager.event.ManagerEvent e : org.asteriskjava.manager.internal.TraceEvents.read(trace)) {
      withQueueWrapUp.accept(e, T0);
    }
    assertThat(published).filteredOn(s -> s.agent().equals("SIP/agent1") && s.wrapUpUntil() != null)
        .extracting(AgentStatus::wrapUpUntil).containsExactly(T0.plusSeconds(20));
  }

  @Test
  void aQueueCallEndingForAnAgentNotYetKnownMakesThemAMemberInWrapUpNotLoggedOut() {
    withQueueWrapUp.accept(complete("support", "SIP/agent7"), T0);
    assertThat(published).containsExactly(
        new AgentStatus("SIP/agent7", true, false, null, T0, T0.plusSeconds(20)));
  }
}
