package dev.attune.bridge;

import static dev.attune.bridge.BridgeTestNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.Direction;
import dev.attune.sim.PbxSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Call the customer back now": a request on the PBX action address becomes an AMI Originate, agent first; the
 * answered call is an OUTBOUND call to that customer's number (what keeps a promise).
 */
class CallbackRequestTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
    Hazelcast.shutdownAll();
  }

  @Test
  void callbackRequestRingsTheAgentFirstThenTheCustomer() throws Exception {
    List<CallEventMessage> events = new CopyOnWriteArrayList<>();
    vertx.eventBus().<String>consumer(Addresses.CALL_EVENTS, m -> events.add(CallEventMessage.fromJson(m.body())));
    BridgeTestNodes.Running node = BridgeTestNodes.startBridge(vertx, 20701);
    PbxSimulator sim = node.sim();
    HazelcastInstance hz = node.hazelcast();
    SimpleMeterRegistry registry = node.metrics();

    JsonObject reply = new JsonObject(vertx.eventBus().<String>request(Addresses.PBX_ACTIONS, new JsonObject()
        .put("action", "originate-callback").put("agent", "PJSIP/agent101").put("customer", "+15551230007")
        .put("commitmentId", "c-1").encode()).await(10, TimeUnit.SECONDS).body());
    assertThat(reply.getBoolean("queued")).isTrue();

    await(() -> events.stream().anyMatch(m -> m.event() instanceof CallAnswered));
    CallEventMessage answered = events.stream().filter(m -> m.event() instanceof CallAnswered).findFirst().orElseThrow();
    assertThat(answered.call().direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(answered.call().caller()).isEqualTo("+15551230007");
    assertThat(answered.call().agent()).isEqualTo("PJSIP/agent101");
  }

  @Test
  void aMalformedRequestIsRefusedWithoutTouchingThePbx() throws Exception {
    BridgeTestNodes.Running node = BridgeTestNodes.startBridge(vertx, 20801);
    PbxSimulator sim = node.sim();
    HazelcastInstance hz = node.hazelcast();
    SimpleMeterRegistry registry = node.metrics();
    long before = sim.eventsEmitted();
    var failure = vertx.eventBus().request(Addresses.PBX_ACTIONS, new JsonObject().put("action", "originate-callback")
        .put("agent", "PJSIP/agent101").put("customer", "1;Hangup").encode());
    assertThat(failure.transform(ar -> io.vertx.core.Future.succeededFuture(ar.failed() ? ar.cause().getMessage() : "ok"))
        .await(10, TimeUnit.SECONDS)).contains("expected originate-callback");
    assertThat(sim.eventsEmitted()).isEqualTo(before);
  }
}
