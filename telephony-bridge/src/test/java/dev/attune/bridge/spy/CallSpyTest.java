package dev.attune.bridge.spy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.bus.CallbackReply;
import dev.attune.core.bus.SpyRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.Test;

/** What the AMI owner asks Asterisk for when a supervisor joins a call, and what it refuses to ask. */
class CallSpyTest {
  private final List<ManagerAction> sent = new ArrayList<>();
  private final CallSpy spy = new CallSpy(action -> {
    sent.add(action);
    ManagerResponse r = new ManagerResponse();
    r.setResponse("Success");
    r.setMessage("Originate successfully queued");
    return Future.succeededFuture(r);
  }, Map.of("pbx:1700.1", "1700.2")::get);

  @Test
  void eachModeRingsTheSupervisorsPhoneIntoChanSpyOnTheAgentsChannelByUniqueid() {
    for (SpyRequest.Mode mode : SpyRequest.Mode.values()) {
      CallbackReply reply = spy.join(new SpyRequest("pbx:1700.1", "sue", "PJSIP/2001", mode)).result();
      assertThat(reply.queued()).isTrue();
      OriginateAction originate = (OriginateAction) sent.get(sent.size() - 1);
      assertThat(originate.getChannel()).isEqualTo("PJSIP/2001");
      assertThat(originate.getApplication()).isEqualTo("ChanSpy");
      assertThat(originate.getData()).isEqualTo("1700.2," + mode.options() + "dESu");
      assertThat(originate.getChannelId()).startsWith(CallSpy.CHANNEL_ID_PREFIX);
      assertThat(originate.getAsync()).isTrue();
      assertThat(originate.getCallerId()).as("a name: Asterisk strips the dots from a number")
          .isEqualTo("\"" + mode.name().toLowerCase() + " pbx:1700.1\" <>");
    }
    assertThat(SpyRequest.Mode.WHISPER.options()).isEqualTo("qw");
    assertThat(SpyRequest.Mode.BARGE.options()).isEqualTo("qB");
  }

  @Test
  void aDeviceThatIsNoDialStringOrACallWithNoAgentIsRefusedBeforeThePbx() {
    Future<CallbackReply> badDevice = spy.join(new SpyRequest("pbx:1700.1", "sue", "PJSIP/2001,x",
        SpyRequest.Mode.LISTEN));
    assertThat(((ReplyException) badDevice.cause()).failureCode()).isEqualTo(400);
    Future<CallbackReply> noAgent = spy.join(new SpyRequest("pbx:1800.1", "sue", "PJSIP/2001",
        SpyRequest.Mode.LISTEN));
    assertThat(((ReplyException) noAgent.cause()).failureCode()).isEqualTo(409);
    assertThat(sent).isEmpty();
  }
}
