package dev.attune.bridge.agents;

import dev.attune.core.bus.CallbackReply;
import dev.attune.core.bus.PauseRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.function.Function;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses an agent in every queue with a reason, or takes them back: AMI {@code QueuePause} without a queue. The new
 * standing then arrives as {@code QueueMemberPause} events, like a pause from the phone or the CLI.
 */
public final class AgentPauser {
  private static final Logger log = LoggerFactory.getLogger(AgentPauser.class);

  private final Function<ManagerAction, Future<ManagerResponse>> ami;

  public AgentPauser(Function<ManagerAction, Future<ManagerResponse>> ami) {
    this.ami = ami;
  }

  public Future<CallbackReply> pause(PauseRequest request) {
    if (!request.validDevice()) {
      return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 400,
          "an agent's interface must be like PJSIP/1001, got '" + request.agentDevice() + "'"));
    }
    QueuePauseAction action = new QueuePauseAction(request.agentDevice(), request.paused());
    if (request.paused() && request.reason() != null) {
      action.setReason(request.reason());
    }
    return ami.apply(action).map(response -> {
      boolean done = "Success".equals(response.getResponse());
      log.info("agent {} {} (reason {}): pbx={} {}", request.agentDevice(), request.paused() ? "paused" : "resumed",
          request.reason(), response.getResponse(), response.getMessage());
      return new CallbackReply(done, response.getMessage());
    }).recover(err -> Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 503,
        "the PBX did not take the pause: " + err.getMessage())));
  }
}
