package dev.attune.bridge;

import static dev.attune.bridge.BridgeTestNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Bus;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.bus.CallbackReply;
import dev.attune.core.bus.CallbackRequest;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.Direction;
import dev.attune.sim.PbxSimulator;
import dev.attune.sim.ami.AmiMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Call the customer back now": a {@link CallbackRequest} to the AMI owner becomes an AMI Originate, agent first, with
 * the configured caller ID for the customer's phone; the answered call is an OUTBOUND call to that customer's number
 * (what keeps a promise).
 */
class CallbackRequestTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final Vertx vertx = BridgeTestNodes.typedVertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
    Hazelcast.shutdownAll();
  }

  @Test
  void callbackRequestRingsTheAgentFirstThenTheCustomerShowingTheCentersNumber() throws Exception {
    List<CallEventMessage> events = new CopyOnWriteArrayList<>();
    vertx.eventBus().<CallEventMessage>consumer(Addresses.CALL_EVENTS, m -> events.add(m.body()));
    BridgeTestNodes.Running node = BridgeTestNodes.startBridge(vertx, 20701,
        "ATTUNE_CALLBACK_CALLER_ID", "+862161234567");

    CallbackReply reply = Bus.request(vertx, Addresses.PBX_ACTIONS,
        new CallbackRequest("c-1", "PJSIP/agent101", "+15551230007"), CallbackReply.class, WAIT)
        .await(10, TimeUnit.SECONDS);
    assertThat(reply.queued()).isTrue();
    assertThat(reply.pbxMessage()).isEqualTo("Originate successfully queued");

    AmiMessage originate = originates(node.sim()).get(0);
    assertThat(originate.get("Channel")).isEqualTo("PJSIP/agent101");
    assertThat(originate.get("Context")).isEqualTo("attune-callback");
    assertThat(originate.get("Exten")).isEqualTo("+15551230007");
    assertThat(String.join(",", originate.all("Variable")))
        .contains("ATTUNE_CALLERID=+862161234567").contains("COMMITMENT_ID=c-1");

    await(() -> events.stream().anyMatch(m -> m.event() instanceof CallAnswered));
    CallEventMessage answered = events.stream().filter(m -> m.event() instanceof CallAnswered).findFirst().orElseThrow();
    assertThat(answered.call().direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(answered.call().caller()).as("the customer, not the presented number").isEqualTo("+15551230007");
    assertThat(answered.call().agent()).isEqualTo("PJSIP/agent101");
  }

  @Test
  void aMalformedRequestIsRefusedWithoutTouchingThePbx() throws Exception {
    BridgeTestNodes.Running node = BridgeTestNodes.startBridge(vertx, 20801);
    PbxSimulator sim = node.sim();
    long before = sim.eventsEmitted();

    ReplyException injected = refusal(Bus.request(vertx, Addresses.PBX_ACTIONS,
        new CallbackRequest("c-1", "PJSIP/agent101", "1;Hangup"), CallbackReply.class, WAIT));
    assertThat(injected.failureCode()).isEqualTo(400);
    assertThat(injected.getMessage()).contains("customer number");
    ReplyException noDevice = refusal(Bus.request(vertx, Addresses.PBX_ACTIONS,
        new CallbackRequest("c-1", "PJSIP/", "+15551230007"), CallbackReply.class, WAIT));
    assertThat(noDevice.getMessage()).contains("agent device").contains("'PJSIP/'");
    ReplyException untyped = refusal(vertx.eventBus().request(Addresses.PBX_ACTIONS,
        "{\"action\":\"originate-callback\"}").mapEmpty());
    assertThat(untyped.failureCode()).isEqualTo(400);

    assertThat(originates(sim)).isEmpty();
    assertThat(sim.eventsEmitted()).isEqualTo(before);
  }

  private static List<AmiMessage> originates(PbxSimulator sim) {
    return sim.actionsReceived().stream().filter(a -> "Originate".equalsIgnoreCase(a.get("Action"))).toList();
  }

  private static ReplyException refusal(Future<?> request) throws Exception {
    Throwable cause = request.transform(ar -> Future.succeededFuture(ar.cause())).await(10, TimeUnit.SECONDS);
    assertThat(cause).isInstanceOf(ReplyException.class);
    return (ReplyException) cause;
  }
}
