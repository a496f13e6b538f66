package dev.attune.bridge.spy;

import dev.attune.core.bus.CallbackReply;
import dev.attune.core.bus.SpyRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.function.Function;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a supervisor to a live call: an AMI {@code Originate} rings the supervisor's own phone and, once answered,
 * runs {@code ChanSpy(<agent's uniqueid>,<mode>dESu)} on the agent's channel: {@code d} lets the supervisor switch
 * mode from the keypad (4 listen, 5 whisper, 6 barge), {@code E} ends it when the agent's channel hangs up, {@code S}
 * when nothing is left to spy on, {@code u} targets the channel by Uniqueid (no other channel whose name merely starts
 * the same). Our channel ids start with {@value #CHANNEL_ID_PREFIX}, so the call tracker never takes the supervisor's
 * leg for a call of its own (its Linkedid is its own Uniqueid, not the call's: tried on Asterisk 20.20.1). A
 * Uniqueid that is gone by then still rings the supervisor, who hears ChanSpy end at once.
 */
public final class CallSpy {
  public static final String CHANNEL_ID_PREFIX = "spy-";
  static final String TARGETING = "dESu";
  private static final Logger log = LoggerFactory.getLogger(CallSpy.class);
  private static final long RING_SUPERVISOR_MS = 30_000;

  private final Function<ManagerAction, Future<ManagerResponse>> ami;
  private final Function<String, String> agentUniqueid;

  /** {@code agentUniqueid}: the agent channel of a live call (call id → Uniqueid), null when not known. */
  public CallSpy(Function<ManagerAction, Future<ManagerResponse>> ami, Function<String, String> agentUniqueid) {
    this.ami = ami;
    this.agentUniqueid = agentUniqueid;
  }

  public Future<CallbackReply> join(SpyRequest request) {
    if (!request.validDevice() || request.mode() == null) {
      return refuse(400, "a supervisor's phone must be a device like PJSIP/2001, got '" + request.supervisorDevice()
          + "'");
    }
    String target = agentUniqueid.apply(request.callId());
    if (target == null || target.isBlank()) {
      return refuse(409, "call " + request.callId() + " has no agent on the line now");
    }
    return ami.apply(originate(request, target)).map(response -> {
      boolean queued = "Success".equals(response.getResponse());
      log.info("supervisor {} {} call={} from {} (agent channel {}): pbx={} {}", request.supervisor(),
          request.mode().name().toLowerCase(), request.callId(), request.supervisorDevice(), target,
          response.getResponse(), response.getMessage());
      return new CallbackReply(queued, response.getMessage());
    }).recover(err -> refuse(503, "the PBX did not take the request: " + err.getMessage()));
  }

  static OriginateAction originate(SpyRequest request, String agentUniqueid) {
    OriginateAction originate = new OriginateAction();
    originate.setChannel(request.supervisorDevice());
    originate.setApplication("ChanSpy");
    originate.setData(agentUniqueid + "," + request.mode().options() + TARGETING);
    // what the supervisor's phone shows: the mode and the call, as a name (Asterisk strips the dots from a number)
    originate.setCallerId("\"" + request.mode().name().toLowerCase() + " " + request.callId() + "\" <>");
    originate.setChannelId(CHANNEL_ID_PREFIX + agentUniqueid + "-" + System.nanoTime() % 1_000_000);
    originate.setAsync(true);
    originate.setTimeout(RING_SUPERVISOR_MS);
    return originate;
  }

  private static Future<CallbackReply> refuse(int code, String message) {
    return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code, message));
  }
}
