package dev.attune.assist.web;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/** What the AMI owner said to a PBX request (a callback, a supervisor joining a call), as an HTTP status. */
public final class PbxRefusal {
  private PbxRefusal() {}

  public static <T> Future<T> of(Throwable err) {
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
