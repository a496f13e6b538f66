package dev.attune.assist.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The request body as a JSON object, or a 400 saying it is not one. */
public final class JsonBody {
  private JsonBody() {}

  /** {@code expected} names the shape wanted, for the message when the body is empty. */
  public static JsonObject of(RoutingContext ctx, String expected) {
    JsonObject body;
    try {
      body = ctx.body() == null ? null : ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw ApiError.badRequest("body is not a JSON object");
    }
    if (body == null) {
      throw ApiError.badRequest("expected a JSON object " + expected);
    }
    return body;
  }
}
