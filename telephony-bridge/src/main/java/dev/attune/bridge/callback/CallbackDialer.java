package dev.attune.bridge.callback;

import dev.attune.core.bus.CallbackReply;
import dev.attune.core.bus.CallbackRequest;
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
 * Places a promised callback: rings the agent's device first, and when they answer the dialplan context
 * {@value #CONTEXT} dials the customer (config/asterisk/extensions-attune.conf). The agent's phone shows the customer;
 * the customer is shown {@code callback.callerId} (the recipe sets it from {@code ATTUNE_CALLERID}), not their own
 * number. The answer says whether Asterisk queued the Originate; the outcome follows as call events.
 */
public final class CallbackDialer {
  public static final String CONTEXT = "attune-callback";
  private static final Logger log = LoggerFactory.getLogger(CallbackDialer.class);
  private static final long RING_AGENT_MS = 30_000;

  private final Function<ManagerAction, Future<ManagerResponse>> ami;
  private final String presentedNumber;

  /** {@code presentedNumber}: the number the customer sees; empty leaves it to the trunk. */
  public CallbackDialer(Function<ManagerAction, Future<ManagerResponse>> ami, String presentedNumber) {
    this.ami = ami;
    this.presentedNumber = presentedNumber;
  }

  public Future<CallbackReply> dial(CallbackRequest request) {
    if (!request.validDevice() || !request.validCustomer()) {
      return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 400,
          "a callback needs an agent device like PJSIP/1001 and a customer number, got agent '"
              + request.agentDevice() + "'"));
    }
    return ami.apply(originate(request)).map(response -> {
      boolean queued = "Success".equals(response.getResponse());
      log.info("callback requested agent={} customer={} commitment={} pbx={} {}", request.agentDevice(),
          request.customer(), request.commitmentId(), response.getResponse(), response.getMessage());
      return new CallbackReply(queued, response.getMessage());
    }).recover(err -> Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 503,
        "the PBX did not take the callback: " + err.getMessage())));
  }

  private OriginateAction originate(CallbackRequest request) {
    OriginateAction originate = new OriginateAction();
    originate.setChannel(request.agentDevice());
    originate.setContext(CONTEXT);
    originate.setExten(request.customer()); // as given: the answered call must carry the promise's number to keep it
    originate.setPriority(1);
    originate.setCallerId("\"Callback\" <" + request.customer() + ">"); // what the agent's phone shows
    originate.setAsync(true);
    originate.setTimeout(RING_AGENT_MS);
    originate.setVariable("COMMITMENT_ID", request.commitmentId() == null ? "" : request.commitmentId());
    originate.setVariable("ATTUNE_CALLERID", presentedNumber);
    return originate;
  }
}
