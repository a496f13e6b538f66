package dev.attune.bridge;

import static dev.attune.bridge.BridgeTestNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.CallbackRequest;
import dev.attune.core.bus.CallbackReply;
import dev.attune.core.bus.Bus;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.AudioTap;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.Party;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.MapNames;
import dev.attune.sim.PbxSimulator;
import dev.attune.sim.SimulatorOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The AMI owner starts an agent tap and a customer tap when a call is answered: two AudioSocket streams, each
 * registered in {@code assist.taps} under the UUID its first frame carries, and removed when the call ends. The
 * simulated PBX plays Asterisk's part over real TCP (it connects, sends the UUID, then 20 ms slin frames).
 */
class AudioTapsTest {
  private final Vertx vertx = BridgeTestNodes.typedVertx();

  /** What a test AudioSocket listener saw on one connection. */
  static final class Seen {
    final Buffer bytes = Buffer.buffer();
    volatile boolean closed;

    UUID uuid() {
      ByteBuffer b = ByteBuffer.wrap(bytes.getBytes(3, 19));
      return new UUID(b.getLong(), b.getLong());
    }
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
    Hazelcast.shutdownAll();
  }

  @Test
  void answeredCallGetsAnAgentAndACustomerStreamThatEndWithTheCall() throws Exception {
    Map<Integer, Seen> connections = new ConcurrentHashMap<>();
    NetServer listener = vertx.createNetServer().connectHandler(socket -> {
      Seen seen = new Seen();
      connections.put(System.identityHashCode(socket), seen);
      socket.handler(b -> {
        synchronized (seen) {
          seen.bytes.appendBuffer(b);
        }
      });
      socket.closeHandler(v -> seen.closed = true);
    });
    int audioPort = listener.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
    List<CallEventMessage> events = new CopyOnWriteArrayList<>();
    vertx.eventBus().<CallEventMessage>consumer(Addresses.CALL_EVENTS, m -> events.add(m.body()));
    HazelcastInstance hz = startBridge(audioPort, 21101);

    requestCallback();
    await(() -> events.stream().anyMatch(m -> m.event() instanceof CallAnswered));
    String callId = events.stream().filter(m -> m.event() instanceof CallAnswered).findFirst().orElseThrow()
        .event().callId();
    await(() -> connections.size() == 2 && connections.values().stream().allMatch(s -> s.bytes.length() > 19 + 50 * 323));

    IMap<String, AudioTap> taps = hz.getMap(MapNames.AUDIO_TAPS);
    Set<UUID> uuids = connections.values().stream().map(Seen::uuid).collect(Collectors.toSet());
    List<AudioTap> registered = uuids.stream().map(u -> taps.get(u.toString())).toList();
    assertThat(registered).doesNotContainNull().allMatch(t -> t.callId().equals(callId));
    assertThat(registered).extracting(AudioTap::party).containsExactlyInAnyOrder(Party.AGENT, Party.CUSTOMER);
    assertThat(registered).extracting(AudioTap::spiedUniqueid).doesNotHaveDuplicates().doesNotContainNull();
    for (Seen seen : connections.values()) {
      assertThat(seen.bytes.getByte(0)).as("UUID frame first").isEqualTo((byte) 0x01);
      assertThat(seen.bytes.getByte(19)).as("then 8 kHz slin").isEqualTo((byte) 0x10);
    }

    // the simulated callback talks for 10–40 s; then the streams end and the registrations go
    await(() -> events.stream().anyMatch(m -> m.event() instanceof CallEnded), Duration.ofSeconds(60));
    await(() -> connections.values().stream().allMatch(s -> s.closed));
    await(() -> uuids.stream().noneMatch(u -> taps.containsKey(u.toString())));
    for (Seen seen : connections.values()) {
      byte[] all = seen.bytes.getBytes();
      assertThat(new byte[] {all[all.length - 3], all[all.length - 2], all[all.length - 1]})
          .as("hangup frame last").containsExactly(0, 0, 0);
    }
  }

  @Test
  void tapNobodyListensForIsUnregistered() throws Exception {
    int closedPort;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    List<CallEventMessage> events = new CopyOnWriteArrayList<>();
    vertx.eventBus().<CallEventMessage>consumer(Addresses.CALL_EVENTS, m -> events.add(m.body()));
    HazelcastInstance hz = startBridge(closedPort, 21201);
    IMap<String, AudioTap> taps = hz.getMap(MapNames.AUDIO_TAPS);
    List<String> added = new CopyOnWriteArrayList<>();
    taps.addEntryListener((com.hazelcast.map.listener.EntryAddedListener<String, AudioTap>) e -> added.add(e.getKey()),
        false);

    requestCallback();
    await(() -> events.stream().anyMatch(m -> m.event() instanceof CallAnswered));
    await(() -> added.size() == 2);
    await(() -> taps.isEmpty(), Duration.ofSeconds(10));
    assertThat(events).noneMatch(m -> m.event() instanceof CallEnded);
  }

  private HazelcastInstance startBridge(int audioPort, int clusterPort) throws Exception {
    PbxSimulator sim = PbxSimulator.start(vertx, new SimulatorOptions("127.0.0.1", 0, "attune", "s3cret", null, false,
        0, 1, List.of("support", "sales"), 10, true)).await(10, TimeUnit.SECONDS);
    AttuneConfig config = BridgeTestNodes.config(sim.port(), clusterPort, "ATTUNE_AUDIOSOCKET_PORT",
        String.valueOf(audioPort), "ATTUNE_AUDIOSOCKET_ADVERTISED_HOST", "127.0.0.1");
    HazelcastInstance hz = HazelcastNode.start(HazelcastNode.config(config.cluster(), c -> { }));
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    vertx.deployVerticle(new TelephonyBridge(config, hz, metrics)).await(20, TimeUnit.SECONDS);
    await(() -> metrics.find("attune.ami.resyncs").counter() != null);
    return hz;
  }

  private void requestCallback() throws Exception {
    CallbackReply reply = Bus.request(vertx, Addresses.PBX_ACTIONS,
        new CallbackRequest("c-1", "PJSIP/agent101", "+15551230007"), CallbackReply.class, Duration.ofSeconds(10))
        .await(10, TimeUnit.SECONDS);
    assertThat(reply.queued()).isTrue();
  }
}
