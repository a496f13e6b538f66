package dev.attune.bridge;

import static dev.attune.bridge.BridgeTestNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.store.MapNames;
import dev.attune.sim.PbxSimulator;
import dev.attune.sim.traffic.RecordedTrace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bad AMI input never kills the bridge: truncated frames, 10 KB lines, 200 headers, binary garbage and unknown events
 * are each dropped (or, unknown events, passed on) and counted, and the calls around them are still tracked.
 */
class MalformedAmiTest {
  private final Vertx vertx = BridgeTestNodes.typedVertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
    Hazelcast.shutdownAll();
  }

  @Test
  void garbageIsCountedPerKindAndTheNextCallIsStillRecorded() throws Exception {
    BridgeTestNodes.Running node = BridgeTestNodes.startBridge(vertx, 17701);
    PbxSimulator sim = node.sim();
    HazelcastInstance hz = node.hazelcast();
    SimpleMeterRegistry registry = node.metrics();

    StringBuilder bad = new StringBuilder();
    bad.append("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: ").append("x".repeat(10_240)).append("\r\n\r\n");
    bad.append("Event: VarSet\r\nPrivilege: dialplan,all\r\n");
    for (int i = 0; i < 200; i++) {
      bad.append("Header").append(i).append(": v\r\n");
    }
    bad.append("\r\n");
    bad.append("\u0001\u0002\u0003\u00ff\u00fe binary \u0007 garbage\r\n\r\n");
    bad.append("Event: AttuneFutureEvent\r\nPrivilege: call,all\r\nTimestamp: 1795407672.000001\r\n\r\n");
    bad.append("Frobnicate: yes\r\n\r\n");
    // without its bridge id, Asterisk-Java's own bridge bookkeeping threw in the reader and dropped the link
    bad.append("Event: BridgeLeave\r\nPrivilege: call,all\r\nChannel: SIP/x-1\r\nUniqueid: 9.9\r\n\r\n");
    bad.append("Event: Hangup\r\nPrivilege: call,all\r\nTimestamp: 1795407672.000002\r\nChannel: SIP/x-1\r\n"
        + "Uniqueid: 9.9\r\nLinkedid: 9.9\r\nCause: 16\r\nCause-txt: Normal Clearing\r\nAttuneNewField: 1\r\n\r\n");
    sim.inject(Buffer.buffer(bad.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    sim.inject(Buffer.buffer(recordedEvents("01-answered.ami")));

    await(() -> hz.getMap(MapNames.CALL_HISTORY).containsKey("pbx:1795407672.0"));
    CallRecord record = (CallRecord) hz.getMap(MapNames.CALL_HISTORY).get("pbx:1795407672.0");
    assertThat(record.outcome().name()).isEqualTo("ANSWERED");
    assertThat(malformed(registry, "line-too-long")).isEqualTo(1);
    assertThat(malformed(registry, "too-many-headers")).isEqualTo(1);
    assertThat(malformed(registry, "not-ami")).isEqualTo(1);
    assertThat(malformed(registry, "no-event-or-response")).isEqualTo(1);
    assertThat(malformed(registry, "no-key")).isEqualTo(1);
    assertThat(registry.find("attune.ami.resyncs").tag("why", "reconnect").counter()).as("the link stayed up").isNull();
    assertThat(registry.get("attune.ami.unknown").tag("event", "AttuneFutureEvent").counter().count()).isEqualTo(1);
    // a field Asterisk added in a newer release than Asterisk-Java knows is counted, not silently lost
    assertThat(registry.get("attune.ami.unknown.fields").tag("event", "Hangup").tag("field", "AttuneNewField")
        .counter().count()).isEqualTo(1);

    // a frame cut off by the link going down: counted, and the bridge logs in again and resyncs
    sim.inject(Buffer.buffer("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: SIP/half"));
    sim.dropConnections();
    await(() -> malformed(registry, "truncated") == 1);
    await(() -> registry.find("attune.ami.resyncs").tag("why", "reconnect").counter() != null);
    assertThat(registry.get("attune.ami.connected").gauge().value()).isEqualTo(1);
  }

  /**
   * The live callback trace (Asterisk 20, the recipe's {@code channelvars}) names a second channel's variables as
   * {@code ChanVariable(<channel>): NAME=value}; Asterisk-Java had a warning for each (682 of 831 WARN lines in a
   * live run). Over TCP the trace still gives its record, and Asterisk-Java warns about nothing.
   */
  @Test
  void anotherChannelsVariablesDoNotMakeAsteriskJavaWarn() throws Exception {
    ch.qos.logback.classic.Logger asteriskJava =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.asteriskjava");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    asteriskJava.addAppender(logged);
    try {
      BridgeTestNodes.Running node = BridgeTestNodes.startBridge(vertx, 17711);
      node.sim().inject(Buffer.buffer(recordedEvents("live/10-callback-kept.ami")));

      HazelcastInstance hz = node.hazelcast();
      await(() -> hz.getMap(MapNames.CALL_HISTORY).containsKey("pbx:1796195117.71"));
      CallRecord record = (CallRecord) hz.getMap(MapNames.CALL_HISTORY).get("pbx:1796195117.71");
      assertThat(record.endedBy().name()).isEqualTo("CUSTOMER");
      assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
          .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
          .noneMatch(m -> m.toLowerCase(java.util.Locale.ROOT).contains("chanvariable"));
    } finally {
      asteriskJava.detachAppender(logged);
    }
  }

  private static double malformed(SimpleMeterRegistry registry, String reason) {
    Counter c = registry.find("attune.ami.malformed").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  private static byte[] recordedEvents(String trace) throws Exception {
    StringBuilder sb = new StringBuilder();
    RecordedTrace.load(BridgeTestNodes.TRACES.resolve(trace)).events().forEach(t -> sb.append(t.event().render()));
    return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
