package dev.attune.assist.commitments;

import dev.attune.core.bus.Bus;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.calls.Party;
import dev.attune.core.commitments.Commitment;
import dev.attune.core.commitments.CommitmentStatus;
import dev.attune.core.store.MapNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommitmentTrackerTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
    Hazelcast.shutdownAll();
  }

  @Test
  void anAnsweredOutboundCallToTheCustomerKeepsThePromiseAndAnInboundOneOnlyAnnouncesIt() throws Exception {
    com.hazelcast.config.Config config = dev.attune.core.cluster.HazelcastNode.config(
        new dev.attune.core.config.AttuneConfig.Cluster("tracker-" + java.util.UUID.randomUUID(), "127.0.0.1",
            30000 + new java.util.Random().nextInt(20000), java.util.List.of()), c -> { });
    HazelcastInstance hz = dev.attune.core.cluster.HazelcastNode.start(config);
    Queue<String> events = new ConcurrentLinkedQueue<>();
    CommitmentService service = new CommitmentService(hz.getMap(MapNames.COMMITMENTS), Clock.systemUTC(),
        new CommitmentLifecycle(Duration.ofMinutes(30)), (a, j) -> events.add(a + " " + j), new SimpleMeterRegistry());
    PromiseDeadlineParser parser = new PromiseDeadlineParser(PromiseDeadlineParserTest.SHANGHAI, Duration.ofHours(24));
    DetectedPromise p = new FollowUpPromiseDetector(parser)
        .detect("I'll call you back in 2 hours", Party.AGENT, "en", ZonedDateTime.now()).get(0);
    Commitment c = service.confirm(service.propose(p, "call-1", "+15550100", "Ann", "agent101").id(), null)
        .orElseThrow();
    Bus.start(vertx).await();
    vertx.deployVerticle(new CommitmentTracker(service, Duration.ofSeconds(1))).await();

    Bus.publish(vertx, Addresses.CALL_EVENTS, answered("call-in", Direction.INBOUND));
    awaitTrue(() -> events.stream().anyMatch(e -> e.contains("customer-called-in")));
    assertThat(service.get(c.id()).orElseThrow().status()).isEqualTo(CommitmentStatus.OPEN);

    Bus.publish(vertx, Addresses.CALL_EVENTS, answered("call-out", Direction.OUTBOUND));
    awaitTrue(() -> service.get(c.id()).orElseThrow().status() == CommitmentStatus.KEPT);
    assertThat(service.get(c.id()).orElseThrow().keptByCallId()).isEqualTo("call-out");
  }

  private static CallEventMessage answered(String callId, Direction direction) {
    Instant now = Instant.now();
    LiveCall call = new LiveCall(callId, callId, "+1 555 0100", null, direction, null, "agent101",
        CallState.ANSWERED, now, null, now, null, 0, 0, 0, now);
    return new CallEventMessage(new CallAnswered(callId, now, "agent101", null, 0), call);
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    dev.attune.core.testing.Eventually.until("the condition", Duration.ofSeconds(10), condition);
  }

}
