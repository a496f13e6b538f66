package dev.attune.assist.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failed request into an error response, so every route answers errors the same way:
 * {@code {"error": <status>, "message": "..."}}. Unexpected exceptions become 500 with a generic message and a log
 * line; their text never reaches the client.
 */
public final class ApiFailureHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiFailureHandler.class);

  public void handle(RoutingContext ctx) {
    handle(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500);
  }

  /**
   * For a router's error handler of {@code status}: the router does not always say which status it is handling (a
   * path it cannot decode arrives with neither failure nor status code).
   */
  public io.vertx.core.Handler<RoutingContext> answering(int status) {
    return ctx -> handle(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : status);
  }

  private void handle(RoutingContext ctx, int statusWithoutFailure) {
    Throwable failure = ctx.failure();
    int status;
    String message;
    if (failure instanceof ApiError e) {
      status = e.status();
      message = e.getMessage();
      if (e.retryAfterSeconds() > 0) {
        ctx.response().putHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
      }
    } else if (failure instanceof DecodeException) {
      status = 400;
      message = "request body is not valid JSON";
    } else if (failure instanceof IllegalArgumentException e) {
      status = 400;
      message = e.getMessage();
    } else if (failure instanceof HttpException e) {
      status = e.getStatusCode();
      message = e.getPayload() != null ? e.getPayload() : reason(status);
    } else if (failure == null) {
      status = statusWithoutFailure;
      message = reason(status);
    } else {
      status = 500;
      message = "internal error";
      log.error("request failed method={} path={}", ctx.request().method(), ctx.request().path(), failure);
    }
    send(ctx.response(), status, message);
  }

  /** Writes {@code {"error": status, "message": ...}} unless the response has already started. */
  static Future<Void> send(HttpServerResponse response, int status, String message) {
    if (response.ended() || response.headWritten()) {
      return Future.succeededFuture();
    }
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    return response.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("error", status).put("message", message).encode());
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "bad request";
      case 401 -> "authentication required";
      case 403 -> "forbidden";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 409 -> "conflict";
      case 413 -> "request too large";
      case 414 -> "request line too long";
      case 431 -> "request headers too large";
      case 429 -> "too many requests";
      default -> "error";
    };
  }
}
