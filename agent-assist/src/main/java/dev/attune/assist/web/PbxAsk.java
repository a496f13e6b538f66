package dev.attune.assist.web;

import dev.attune.core.bus.Bus;
import dev.attune.core.bus.BusMessage;
import dev.attune.core.bus.CallbackReply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;

/**
 * A route's request to the node holding the PBX link (a callback, a supervisor joining a call, a pause), and what it
 * said as an HTTP status when it refused or nobody answered.
 */
public final class PbxAsk {
  /** The AMI owner answers once the PBX has: a healthy Asterisk takes well under a second. */
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

  private PbxAsk() {}

  public static Future<CallbackReply> of(Vertx vertx, String address, BusMessage request) {
    return Bus.request(vertx, address, request, CallbackReply.class, ANSWER_WITHIN).recover(PbxAsk::refusal);
  }

  private static <T> Future<T> refusal(Throwable err) {
    if (err instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      return Future.failedFuture(switch (reply.failureCode()) {
        case 400 -> ApiError.badRequest(reply.getMessage());
        case 409 -> ApiError.conflict(reply.getMessage());
        default -> ApiError.unavailable(reply.getMessage());
      });
    }
    return Future.failedFuture(ApiError.unavailable("no node holding the PBX link answered: " + err.getMessage()));
  }
}
