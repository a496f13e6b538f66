package dev.attune.bridge;

import static dev.attune.bridge.BridgeTestNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.store.MapNames;
import dev.attune.core.testing.Fuzz;
import dev.attune.sim.traffic.RecordedTrace;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mutated recorded events over a real AMI connection, in rounds of ten, each round followed by a clean recorded call
 * under ids of its own: the bridge records every clean call as answered, counts garbage as malformed, and nothing of
 * ours logs an error or lets an exception escape to Vert.x.
 */
class AmiOverTcpFuzzTest {
  private static final int PER_ROUND = 10;
  private final Vertx vertx = BridgeTestNodes.typedVertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
    Hazelcast.shutdownAll();
  }

  @Test
  void everyCleanCallAfterGarbageIsStillRecordedAndTheGarbageIsCounted() throws Exception {
    List<Throwable> escaped = new CopyOnWriteArrayList<>();
    vertx.exceptionHandler(escaped::add);
    ch.qos.logback.classic.Logger ours = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.attune");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    ours.addAppender(logged);
    try {
      BridgeTestNodes.Running node = BridgeTestNodes.startBridge(vertx, BridgeTestNodes.freePort());
      HazelcastInstance hz = node.hazelcast();
      List<String> garbageSources = messages();
      String answered = render(BridgeTestNodes.TRACES.resolve("01-answered.ami"));
      Fuzz fuzz = Fuzz.forSurface("ami-tcp");
      int rounds = Math.max(1, Fuzz.cases() / PER_ROUND);
      for (int round = 0; round < rounds; round++) {
        StringBuilder bytes = new StringBuilder();
        for (int i = 0; i < PER_ROUND; i++) {
          // each mutated message is ended, so one round's garbage cannot run into the clean call that follows
          bytes.append(fuzz.mutate(fuzz.pick(garbageSources))).append("\r\n\r\n");
        }
        node.sim().inject(Buffer.buffer(bytes.toString().getBytes(StandardCharsets.UTF_8)));
        String prefix = String.valueOf(1_900_000_000L + round);
        node.sim().inject(Buffer.buffer(answered.replace("1795407672.", prefix + ".")));
        String callId = "pbx:" + prefix + ".0";
        int r = round;
        dev.attune.core.testing.Eventually.until(fuzz.describe(r * PER_ROUND) + ": the clean call of round " + r,
            java.time.Duration.ofSeconds(30), () -> hz.getMap(MapNames.CALL_HISTORY).containsKey(callId));
        CallRecord record = (CallRecord) hz.getMap(MapNames.CALL_HISTORY).get(callId);
        assertThat(record.outcome().name()).as(fuzz.describe(r * PER_ROUND)).isEqualTo("ANSWERED");
      }
      assertThat(node.metrics().find(MetricNames.AMI_MALFORMED).counters().stream().mapToDouble(Counter::count).sum())
          .as("garbage counted as malformed").isPositive();
      await(() -> node.metrics().get(MetricNames.AMI_CONNECTED).gauge().value() == 1);
    } finally {
      ours.detachAppender(logged);
    }
    assertThat(escaped).as("exceptions that reached Vert.x").isEmpty();
    assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
  }

  /** Every recorded event but those of the clean call's trace, rendered as Asterisk sent it. */
  private static List<String> messages() throws Exception {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(BridgeTestNodes.TRACES)) {
      for (Path trace : files.filter(f -> f.toString().endsWith(".ami") && !f.endsWith("01-answered.ami")).sorted()
          .toList()) {
        RecordedTrace.load(trace).events().forEach(t -> out.add(t.event().render().stripTrailing()));
      }
    }
    return out;
  }

  private static String render(Path trace) throws Exception {
    StringBuilder sb = new StringBuilder();
    RecordedTrace.load(trace).events().forEach(t -> sb.append(t.event().render()));
    return sb.toString();
  }
}
