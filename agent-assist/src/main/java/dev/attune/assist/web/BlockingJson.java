package dev.attune.assist.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Hazelcast and JDBC calls block: a route runs them on a worker and answers with the JSON they make. A thrown
 * {@link ApiError} goes to the API failure handler like any other.
 */
public final class BlockingJson {
  private BlockingJson() {}

  public static void respond(RoutingContext ctx, Callable<String> work) {
    respond(ctx, work, Future::succeededFuture);
  }

  /** {@code work} off the event loop, then {@code then} (which may ask another node) makes the response body. */
  public static <T> void respond(RoutingContext ctx, Callable<T> work, Function<T, Future<String>> then) {
    reply(ctx, ctx.vertx().executeBlocking(work, false).compose(then));
  }

  /** The body once it is made, or the failure (an {@code ApiError} says its status). */
  public static void reply(RoutingContext ctx, Future<String> body) {
    body.onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        ctx.response().putHeader("content-type", "application/json").end(ar.result());
      }
    });
  }
}
