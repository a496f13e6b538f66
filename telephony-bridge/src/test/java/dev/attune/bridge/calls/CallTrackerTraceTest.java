package dev.attune.bridge.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.TraceEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded Asterisk 20 trace, decoded event by event, yields exactly the records its README states:
 * outcome, caller, queue, agent, who hung up, and wait / talk / hold within 1 s.
 */
public class CallTrackerTraceTest {
  static final Path TRACES = Path.of(System.getProperty("attune.project.dir"), "testdata", "ami-traces");

  static Stream<Arguments> traces() throws Exception {
    JsonNode expected = new ObjectMapper().readTree(
        CallTrackerTraceTest.class.getResourceAsStream("/trace-records.json")).get("traces");
    List<Arguments> args = new ArrayList<>();
    expected.fields().forEachRemaining(e -> args.add(Arguments.of(e.getKey(), e.getValue())));
    return args.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  void traceYieldsTheRecordsItsReadmeStates(String files, JsonNode expected) throws Exception {
    assertRecords(run(files, false), expected);
  }

  @ParameterizedTest(name = "{0} with cross-channel order shuffled")
  @MethodSource("traces")
  void hangupBeforeBridgeLeaveAndAgentCompleteGivesTheSameRecords(String files, JsonNode expected) throws Exception {
    assertRecords(run(files, true), expected);
  }

  /** Feeds the trace(s); with {@code shuffle}, every Hangup is moved ahead of the events just before it. */
  private static List<CallRecord> run(String files, boolean hangupsFirst) throws Exception {
    List<ManagerEvent> events = new ArrayList<>();
    for (String file : files.split(",")) {
      events.addAll(TraceEvents.read(TRACES.resolve(file)));
    }
    if (hangupsFirst) {
      for (int i = 1; i < events.size(); i++) {
        if (events.get(i) instanceof org.asteriskjava.manager.event.HangupEvent) {
          int j = i;
          // move the Hangup ahead of BridgeLeave / AgentComplete of the same instant (Asterisk does not order them)
          while (j > 0 && (events.get(j - 1) instanceof org.asteriskjava.manager.event.BridgeLeaveEvent
              || events.get(j - 1) instanceof org.asteriskjava.manager.event.AgentCompleteEvent)) {
            Collections.swap(events, j - 1, j);
            j--;
          }
        }
      }
    }
    List<CallRecord> records = new ArrayList<>();
    CallTracker tracker = new CallTracker("", m -> collect(m, records));
    Instant last = Instant.EPOCH;
    for (ManagerEvent e : events) {
      tracker.accept(e);
      if (e.getTimestamp() != null) {
        last = Instant.ofEpochMilli(Math.round(e.getTimestamp() * 1000));
      }
    }
    tracker.closeQuietCalls(last.plusSeconds(5), Duration.ofMillis(800));
    assertThat(tracker.size()).as("calls still live at the end of %s", files).isZero();
    return records;
  }

  private static void collect(CallEventMessage message, List<CallRecord> records) {
    if (message.event() instanceof CallEnded ended) {
      records.add(ended.record());
    }
  }

  /** Checks records against a trace's expected list from {@code trace-records.json} (shared with the TCP tests). */
  public static void assertRecords(List<CallRecord> records, JsonNode expected) {
    assertThat(records).hasSize(expected.size());
    for (JsonNode want : expected) {
      CallRecord got = records.stream().filter(r -> r.caller().equals(want.get("caller").asText())).findFirst()
          .orElseThrow(() -> new AssertionError("no record for caller " + want.get("caller") + " in " + records));
      assertThat(got.outcome().name()).as("outcome of %s", got.id()).isEqualTo(want.get("outcome").asText());
      assertThat(got.queue()).as("queue").isEqualTo(want.get("queue").isNull() ? null : want.get("queue").asText());
      assertThat(got.agent()).as("agent").isEqualTo(want.get("agent").isNull() ? null : want.get("agent").asText());
      assertThat(got.endedBy().name()).as("endedBy of %s", got.id()).isEqualTo(want.get("endedBy").asText());
      assertThat(got.waitSeconds()).as("wait of %s", got.id()).isCloseTo(want.get("wait").asLong(), org.assertj.core.data.Offset.offset(1L));
      assertThat(got.talkSeconds()).as("talk of %s", got.id()).isCloseTo(want.get("talk").asLong(), org.assertj.core.data.Offset.offset(1L));
      assertThat(got.holdSeconds()).as("hold of %s", got.id()).isCloseTo(want.get("hold").asLong(), org.assertj.core.data.Offset.offset(1L));
      assertThat(got.transfers()).as("transfers").isEqualTo(want.get("transfers").asInt());
      assertThat(got.id()).startsWith("pbx:");
    }
  }

  /**
   * A real blind transfer (chan_sip REFER): both agents have their leg; the call's talk is the first agent's part, the
   * target's ringing and the target's part.
   */
  @org.junit.jupiter.api.Test
  void blindTransferKeepsEachAgentsLeg() throws Exception {
    CallRecord record = run("06-blind-transfer.ami", false).get(0);

    assertThat(record.agent()).as("the agent who answered from the queue").isEqualTo("SIP/agent1");
    assertThat(record.legs()).extracting(dev.attune.core.calls.AgentLeg::agent)
        .containsExactly("SIP/agent1", "SIP/agent3");
    dev.attune.core.calls.AgentLeg first = record.legs().get(0);
    dev.attune.core.calls.AgentLeg second = record.legs().get(1);
    assertThat(first.end()).isEqualTo(dev.attune.core.calls.AgentLeg.End.TRANSFERRED_BLIND);
    assertThat(first.transferredTo()).isNotBlank();
    assertThat(second.end()).isEqualTo(dev.attune.core.calls.AgentLeg.End.HUNG_UP);
    assertThat(first.talkSeconds()).isPositive();
    assertThat(second.talkSeconds()).isPositive();
    long targetRinging = java.time.Duration.between(first.endedAt(), second.answeredAt()).toSeconds();
    assertThat(first.talkSeconds() + targetRinging + second.talkSeconds()).as("the call's talk spans both parts")
        .isCloseTo(record.talkSeconds(), org.assertj.core.data.Offset.offset(1L));
    assertThat(record.endedBy()).as("the customer sent the final BYE").isEqualTo(dev.attune.core.calls.EndedBy.CUSTOMER);
  }

  /**
   * A real attended transfer (AMI Atxfer, consult through a Local channel, Asterisk 20 chan_sip, recorded with Attune
   * connected): the AttendedTransfer names no target, so the target is the agent whose phone joins the customer's
   * bridge. The transferring agent's own hang-up completes the transfer and does not end the call.
   */
  @org.junit.jupiter.api.Test
  void attendedTransferThroughALocalChannelHandsTheCallToTheAgentWhoJoinsTheCustomer() throws Exception {
    List<CallEventMessage> published = new ArrayList<>();
    CallTracker tracker = new CallTracker("", published::add);
    List<ManagerEvent> events = TraceEvents.read(TRACES.resolve("live/13-attended-transfer.ami"));
    events.forEach(tracker::accept);
    tracker.closeQuietCalls(Instant.ofEpochSecond(1796195470L), Duration.ofMillis(800));

    dev.attune.core.calls.CallTransferred transferred = published.stream().map(CallEventMessage::event)
        .filter(dev.attune.core.calls.CallTransferred.class::isInstance)
        .map(dev.attune.core.calls.CallTransferred.class::cast).findFirst().orElseThrow();
    assertThat(transferred.from()).isEqualTo("SIP/agent1");
    assertThat(transferred.to()).isEqualTo("SIP/agent3");
    CallRecord record = published.stream().map(CallEventMessage::event).filter(CallEnded.class::isInstance)
        .map(e -> ((CallEnded) e).record()).findFirst().orElseThrow();
    assertThat(record.legs()).extracting(dev.attune.core.calls.AgentLeg::agent)
        .containsExactly("SIP/agent1", "SIP/agent3");
    dev.attune.core.calls.AgentLeg first = record.legs().get(0);
    dev.attune.core.calls.AgentLeg second = record.legs().get(1);
    assertThat(first.end()).isEqualTo(dev.attune.core.calls.AgentLeg.End.TRANSFERRED_ATTENDED);
    assertThat(first.transferredTo()).isEqualTo("SIP/agent3");
    assertThat(first.talkSeconds()).as("agent1 until the transfer, consult and hold included").isEqualTo(11);
    assertThat(second.talkSeconds()).as("agent3 with the customer").isCloseTo(11, org.assertj.core.data.Offset.offset(1L));
    assertThat(second.end()).isEqualTo(dev.attune.core.calls.AgentLeg.End.HUNG_UP);
    assertThat(record.talkSeconds()).as("both agents' parts").isCloseTo(22, org.assertj.core.data.Offset.offset(1L));
    assertThat(record.endedBy()).isEqualTo(dev.attune.core.calls.EndedBy.CUSTOMER);
  }

  /**
   * A supervisor listening in on a real call (Asterisk 20.20.1, live lab): the AMI owner's Originate rings the
   * supervisor's phone into ChanSpy on the agent's channel. That channel (Uniqueid = Linkedid = {@code spy-...}) is no
   * call of its own: the trace gives exactly the customer's call, answered by agent1, and nothing for the spy.
   */
  @org.junit.jupiter.api.Test
  void aSupervisorListeningInIsNoCallOfItsOwn() throws Exception {
    List<CallEventMessage> published = new ArrayList<>();
    CallTracker tracker = new CallTracker("", published::add);
    TraceEvents.read(TRACES.resolve("live/14-supervisor-listen.ami")).forEach(tracker::accept);
    tracker.closeQuietCalls(Instant.ofEpochSecond(1796351200L), Duration.ofMillis(800));

    assertThat(published).extracting(m -> m.event().callId()).allMatch(id -> !id.contains("spy-"))
        .containsOnly("pbx:1796351071.0");
    CallRecord record = published.stream().map(CallEventMessage::event).filter(CallEnded.class::isInstance)
        .map(e -> ((CallEnded) e).record()).collect(java.util.stream.Collectors.toList()).get(0);
    assertThat(record.agent()).isEqualTo("SIP/agent1");
    assertThat(record.outcome()).isEqualTo(dev.attune.core.calls.CallOutcome.ANSWERED);
    assertThat(published.stream().filter(m -> m.event() instanceof CallEnded)).hasSize(1);
  }

  /**
   * The post-call survey's recipe on a real PBX: with {@code Queue(...,c)} the caller goes on in the dialplan after the
   * agent hangs up (to the survey's AGI), and the record says the agent ended the conversation, whose talk ends there.
   * With {@code g} (trace 15b) Asterisk warns of an unknown option and hangs the caller up with the agent.
   */
  @org.junit.jupiter.api.Test
  void withQueueOptionCTheCallerGoesOnAfterTheAgentHangsUp() throws Exception {
    List<CallEventMessage> published = new ArrayList<>();
    CallTracker tracker = new CallTracker("", published::add);
    TraceEvents.read(TRACES.resolve("live/15-survey-queue-c.ami")).forEach(tracker::accept);
    tracker.closeQuietCalls(Instant.ofEpochSecond(1796351400L), Duration.ofMillis(800));

    CallRecord record = published.stream().map(CallEventMessage::event).filter(CallEnded.class::isInstance)
        .map(e -> ((CallEnded) e).record()).findFirst().orElseThrow();
    assertThat(record.endedBy()).isEqualTo(dev.attune.core.calls.EndedBy.AGENT);
    assertThat(record.talkSeconds()).as("the agent's six seconds; the survey is not talk").isEqualTo(6);
    assertThat(record.legs()).singleElement().satisfies(leg -> {
      assertThat(leg.agent()).isEqualTo("SIP/agent3");
      assertThat(leg.end()).isEqualTo(dev.attune.core.calls.AgentLeg.End.HUNG_UP);
      assertThat(record.endedAt()).as("the caller's line outlives the agent's").isAfterOrEqualTo(leg.endedAt());
    });
  }
}
