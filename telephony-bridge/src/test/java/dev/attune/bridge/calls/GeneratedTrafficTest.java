package dev.attune.bridge.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.calls.AgentLeg;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallRecord;
import dev.attune.sim.ami.AmiMessage;
import dev.attune.sim.traffic.IntendedCall;
import dev.attune.sim.traffic.TrafficGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.TraceEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's generator is the oracle: a seeded mix of 500 overlapping calls (answered, abandoned, ring-no-answer,
 * hold, blind and both kinds of attended transfer, queue timeout), delivered with cross-channel order shuffled, must come out as exactly the
 * records the generator intended.
 */
class GeneratedTrafficTest {
  @TempDir
  Path dir;

  @Test
  void fiveHundredOverlappingCallsInShuffledOrderYieldTheIntendedRecords() throws Exception {
    TrafficGenerator.Run run = TrafficGenerator.generate(7, 500, 12, List.of("support", "sales"), 10, 1_795_400_000);
    assertThat(run.calls()).hasSize(500);
    assertThat(run.calls().stream().map(IntendedCall::outcome).distinct())
        .contains("ANSWERED", "ABANDONED", "TRANSFERRED", "TIMED_OUT");
    // attended transfers are in the mix: the target's channel changes Linkedid when it joins the customer's bridge
    long attended = run.events().stream().filter(e -> "AttendedTransfer".equals(e.get("Event"))).count();
    assertThat(attended).isGreaterThan(5);
    // half of them as AMI Atxfer makes them: through a Local pair, no target named, the target joins the bridge later
    assertThat(run.events().stream().filter(e -> "AttendedTransfer".equals(e.get("Event"))
        && e.get("TransferTargetChannel") == null).count()).isGreaterThan(2);
    List<AmiMessage> shuffled = TrafficGenerator.shuffle(run.events(), 0.3, 11);
    assertThat(shuffled).isNotEqualTo(run.events());

    Map<String, CallRecord> records = feed(shuffled);
    List<String> misses = new ArrayList<>();
    for (IntendedCall want : run.calls()) {
      CallRecord got = records.get(want.callId());
      if (got == null) {
        misses.add(want.callId() + ": no record");
        continue;
      }
      if (!got.outcome().name().equals(want.outcome())
          || !eq(got.agent(), want.agent()) || !eq(got.queue(), want.queue())
          || !got.endedBy().name().equals(want.endedBy()) || !got.caller().equals(want.caller())
          || Math.abs(got.waitSeconds() - want.waitSeconds()) > 1 || Math.abs(got.talkSeconds() - want.talkSeconds()) > 1
          || Math.abs(got.holdSeconds() - want.holdSeconds()) > 1 || got.transfers() != want.transfers()) {
        misses.add("want " + want + "\n   got " + got);
      }
      List<AgentLeg> talked = got.legs().stream().filter(l -> l.answeredAt() != null).toList();
      boolean legsRight = !talked.isEmpty() == (got.answeredAt() != null)
          && talked.size() == (got.answeredAt() == null ? 0 : want.transfers() + 1)
          && (talked.isEmpty() || eq(talked.get(0).agent(), want.agent()))
          && talked.stream().limit(Math.max(0, talked.size() - 1)).allMatch(l -> l.end() != AgentLeg.End.HUNG_UP
              && l.transferredTo() != null)
          && (talked.isEmpty() || talked.get(talked.size() - 1).end() == AgentLeg.End.HUNG_UP)
          && talked.stream().mapToLong(AgentLeg::talkSeconds).sum() <= got.talkSeconds() + talked.size();
      if (!legsRight) {
        misses.add("legs of " + want + "\n   got " + got.legs());
      }
    }
    assertThat(misses).as("records that differ from the generator's intent").isEmpty();
    assertThat(records).hasSize(500); // nothing extra (no tap or agent leg became a call)
  }

  private Map<String, CallRecord> feed(List<AmiMessage> events) throws Exception {
    Path file = dir.resolve("generated.ami");
    Files.writeString(file, events.stream().map(AmiMessage::render).collect(Collectors.joining()));
    Map<String, CallRecord> records = new HashMap<>();
    CallTracker tracker = new CallTracker("", m -> {
      if (m.event() instanceof CallEnded ended) {
        assertThat(records.put(ended.callId(), ended.record())).as("second record for %s", ended.callId()).isNull();
      }
    });
    Instant last = Instant.EPOCH;
    for (ManagerEvent e : TraceEvents.read(file)) {
      tracker.accept(e);
      Instant at = Instant.ofEpochMilli(Math.round(e.getTimestamp() * 1000));
      if (at.isAfter(last)) {
        last = at;
      }
      tracker.closeQuietCalls(last, Duration.ofMillis(800));
    }
    tracker.closeQuietCalls(last.plusSeconds(5), Duration.ofMillis(800));
    assertThat(tracker.size()).isZero();
    return records;
  }

  private static boolean eq(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }
}
