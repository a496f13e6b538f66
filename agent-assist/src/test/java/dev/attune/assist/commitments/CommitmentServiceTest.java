package dev.attune.assist.commitments;

import dev.attune.core.bus.Alert;
import dev.attune.core.bus.BusMessage;
import dev.attune.core.bus.CommitmentChange;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Json;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.commitments.Commitment;
import dev.attune.core.commitments.CommitmentStatus;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.store.MapNames;
import dev.attune.core.testing.FreePorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommitmentServiceTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    private volatile Instant now;

    ManualClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  }

  record Published(String address, BusMessage message) {
    String type() {
      return message instanceof CommitmentChange change ? change.change()
          : message instanceof Alert alert ? alert.kind() : "";
    }

    String id() {
      return message instanceof CommitmentChange change ? change.commitment().id()
          : message instanceof Alert alert ? alert.commitmentId() : "";
    }
  }

  private final ZonedDateTime callTime = ZonedDateTime.parse("2026-11-23T10:00:00+08:00");
  private final ManualClock clock = new ManualClock(callTime.toInstant());
  private final Queue<Published> published = new ConcurrentLinkedQueue<>();
  private final PromiseDeadlineParser parser =
      new PromiseDeadlineParser(PromiseDeadlineParserTest.SHANGHAI, Duration.ofHours(24));
  private final FollowUpPromiseDetector detector = new FollowUpPromiseDetector(parser);

  @AfterEach
  void shutdown() {
    Hazelcast.shutdownAll();
  }

  private static List<HazelcastInstance> cluster(int size) {
    String name = "commit-" + UUID.randomUUID();
    int port = FreePorts.block(size);
    List<String> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add("127.0.0.1:" + (port + i));
    }
    List<HazelcastInstance> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      out.add(HazelcastNode.start(HazelcastNode.config(
          new AttuneConfig.Cluster(name, "127.0.0.1", port + i, members), c -> { })));
    }
    return out;
  }

  private CommitmentService service(HazelcastInstance hz, SimpleMeterRegistry meters) {
    return new CommitmentService(hz.getMap(MapNames.COMMITMENTS), clock,
        new CommitmentLifecycle(Duration.ofMinutes(30)), (a, j) -> published.add(new Published(a, j)), meters);
  }

  private Commitment promise(CommitmentService svc, String text, String customer) {
    DetectedPromise p = detector.detect(text, dev.attune.core.calls.Party.AGENT, "en", callTime).get(0);
    Commitment c = svc.propose(p, "call-1", customer, "Ms Lee", "agent101");
    return svc.confirm(c.id(), null).orElseThrow();
  }

  private long count(String type) {
    return published.stream().filter(p -> p.type().equals(type)).count();
  }

  @Test
  void remindsOnceEscalatesOnceAndAnAnsweredOutboundCallKeepsItLate() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    CommitmentService svc = service(cluster(1).get(0), meters);
    Commitment c = promise(svc, "I'll call you back in 2 hours", "+8613800001111");
    assertThat(c.status()).isEqualTo(CommitmentStatus.OPEN);
    assertThat(c.dueAt()).isEqualTo(callTime.plusHours(2).toInstant());

    clock.advance(Duration.ofMinutes(89));
    assertThat(svc.sweep()).isZero();
    clock.advance(Duration.ofMinutes(1));   // exactly 30 minutes before due
    assertThat(svc.sweep()).isEqualTo(1);
    assertThat(svc.sweep()).isZero();
    assertThat(count("reminder")).isEqualTo(1);

    clock.advance(Duration.ofMinutes(30));  // due
    svc.sweep();
    svc.sweep();
    assertThat(count("overdue")).isEqualTo(1);
    assertThat(published.stream().filter(p -> p.address().equals(Addresses.ALERTS))).hasSize(1);
    assertThat(meters.get(MetricNames.COMMITMENTS_OVERDUE).gauge().value()).isEqualTo(1.0);

    clock.advance(Duration.ofMinutes(10));
    assertThat(svc.callAnswered("+86 138 0000 2222", "call-other")).isEmpty();
    List<Commitment> kept = svc.callAnswered("8613800001111", "call-2");
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).status()).isEqualTo(CommitmentStatus.KEPT);
    assertThat(kept.get(0).lateSeconds()).isEqualTo(600);
    assertThat(kept.get(0).keptByCallId()).isEqualTo("call-2");
    assertThat(meters.get(MetricNames.COMMITMENTS_KEPT).tag("on_time", "false").counter().count()).isEqualTo(1.0);
    assertThat(meters.get(MetricNames.COMMITMENT_LATENESS).summary().totalAmount()).isEqualTo(600.0);
    assertThat(svc.callAnswered("8613800001111", "call-3")).as("kept only once").isEmpty();
  }

  @Test
  void keptBeforeDueIsOnTimeAndNeverReminded() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    CommitmentService svc = service(cluster(1).get(0), meters);
    promise(svc, "I'll call you back tomorrow before 3pm", "+8613800003333");
    clock.advance(Duration.ofHours(3));
    assertThat(svc.callAnswered("+8613800003333", "call-9").get(0).lateSeconds()).isZero();
    clock.advance(Duration.ofDays(2));
    assertThat(svc.sweep()).isZero();
    assertThat(meters.get(MetricNames.COMMITMENTS_KEPT).tag("on_time", "true").counter().count()).isEqualTo(1.0);
  }

  @Test
  void cancelNeedsAReasonRecordedAndEndsTheReminders() {
    CommitmentService svc = service(cluster(1).get(0), new SimpleMeterRegistry());
    Commitment c = promise(svc, "I'll call you back in 2 hours", "+8613800004444");
    assertThat(svc.cancel(c.id(), "customer withdrew the complaint").orElseThrow().reason())
        .isEqualTo("customer withdrew the complaint");
    clock.advance(Duration.ofHours(3));
    assertThat(svc.sweep()).isZero();
    assertThat(svc.resolve(c.id(), "late")).as("a cancelled promise cannot be resolved").isEmpty();
  }

  /** Every member's tracker sees the same answered call; the agent must get one "customer called in" card, not three. */
  @Test
  void threeMembersAnnounceACallerWithAnOpenPromiseOnce() throws Exception {
    List<HazelcastInstance> members = cluster(3);
    List<CommitmentService> services = members.stream().map(m -> service(m, new SimpleMeterRegistry())).toList();
    Commitment open = promise(services.get(0), "I'll call you back tomorrow.", "+8613800000001");
    published.clear();

    services.forEach(svc -> svc.customerCalledIn("+8613800000001", "call-2"));

    assertThat(published).extracting(Published::type).containsExactly("customer-called-in");
    assertThat(published).extracting(Published::id).containsExactly(open.id());
  }

  @Test
  void threeMembersFireEachReminderAndEscalationExactlyOnceEvenWhenOneDies() throws Exception {
    List<HazelcastInstance> members = cluster(3);
    assertThat(members.get(0).getCluster().getMembers()).as("one cluster of three").hasSize(3);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    List<CommitmentService> services = members.stream().map(m -> service(m, meters)).toList();
    int n = 40;
    for (int i = 0; i < n; i++) {
      promise(services.get(i % 3), "I'll call you back in 2 hours", "+861380000" + (1000 + i));
    }
    clock.advance(Duration.ofMinutes(95));
    sweepConcurrently(services);
    sweepConcurrently(services);
    assertOncePerCommitment("reminder", n);

    clock.advance(Duration.ofMinutes(30));
    members.get(2).getLifecycleService().terminate();   // a member dies without a graceful hand-off
    List<CommitmentService> survivors = services.subList(0, 2);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (count("overdue") < n && System.nanoTime() < deadline) {
      sweepConcurrently(survivors);   // keys of the dead member migrate to survivors; they pick them up
    }
    sweepConcurrently(survivors);
    assertOncePerCommitment("overdue", n);
    assertThat(published.stream().filter(p -> p.address().equals(Addresses.ALERTS))).hasSize(n);
  }

  private void assertOncePerCommitment(String type, int n) {
    Map<String, Long> perId = published.stream().filter(p -> p.type().equals(type))
        .collect(Collectors.groupingBy(Published::id, Collectors.counting()));
    assertThat(perId).as("%s per commitment", type).hasSize(n);
    assertThat(perId.values()).as("no %s twice", type).allMatch(v -> v == 1L);
  }

  private static void sweepConcurrently(List<CommitmentService> services) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (CommitmentService s : services) {
      Thread t = new Thread(() -> {
        try {
          s.sweep();
        } catch (RuntimeException e) {
          // a sweep interrupted by a dying member is retried on the next round
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
  }

}
