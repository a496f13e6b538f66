package dev.attune.assist.commitments;

import dev.attune.assist.web.ApiError;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.Viewer;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Json;
import dev.attune.core.commitments.Commitment;
import dev.attune.core.commitments.CommitmentStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code /api/commitments}: agents list and act on their own promises, supervisors on all.
 * <ul>
 *   <li>{@code GET /commitments?status=open} — proposed, open and overdue ({@code status=all}: everything)</li>
 *   <li>{@code POST /commitments/:id/confirm} — body {@code {"due":"ISO-8601 with offset"}} optional (edited due)</li>
 *   <li>{@code POST /commitments/:id/resolve} and {@code /cancel} — body {@code {"reason":"..."}} required</li>
 *   <li>{@code POST /commitments/:id/callback} — asks the PBX (via {@code Addresses.PBX_ACTIONS}) to call the
 *       customer now: {@code {"action":"originate-callback","agent":"PJSIP/agent101","customer":"+1555…",
 *       "commitmentId":"…"}}</li>
 * </ul>
 */
public final class CommitmentRoutes implements ApiRoutes {

  private final CommitmentService service;

  public CommitmentRoutes(CommitmentService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/commitments").handler(this::list);
    api.post("/commitments/:id/confirm").handler(ctx -> act(ctx, c -> service.confirm(c.id(), editedDue(ctx))));
    api.post("/commitments/:id/resolve").handler(ctx -> act(ctx, c -> service.resolve(c.id(), reason(ctx))));
    api.post("/commitments/:id/cancel").handler(ctx -> act(ctx, c -> service.cancel(c.id(), reason(ctx))));
    api.post("/commitments/:id/callback").handler(this::callback);
  }

  private void list(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    String status = Optional.ofNullable(ctx.request().getParam("status")).orElse("open");
    if (!status.equals("open") && !status.equals("all")) {
      throw ApiError.badRequest("status must be open or all");
    }
    String agent = viewer.role() == dev.attune.assist.web.Role.AGENT ? viewer.agent() : null;
    blocking(ctx, () -> Json.write(service.list(agent, status.equals("all"))));
  }

  private interface Action {
    Optional<Commitment> apply(Commitment c);
  }

  private void act(RoutingContext ctx, Action action) {
    Viewer viewer = Viewer.of(ctx);
    String id = ctx.pathParam("id");
    blocking(ctx, () -> {
      Commitment c = service.get(id).orElseThrow(() -> ApiError.notFound("no commitment " + id));
      if (!viewer.maySee(c.agent())) {
        throw ApiError.forbidden("not your commitment");
      }
      return Json.write(action.apply(c).orElseThrow(() -> ApiError.conflict(
          "commitment " + id + " is " + c.status().name().toLowerCase())));
    });
  }

  private void callback(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    String id = ctx.pathParam("id");
    blocking(ctx, () -> {
      Commitment c = service.get(id).orElseThrow(() -> ApiError.notFound("no commitment " + id));
      if (!viewer.maySee(c.agent())) {
        throw ApiError.forbidden("not your commitment");
      }
      if (c.status().finished() || c.status() == CommitmentStatus.PROPOSED) {
        throw ApiError.conflict("commitment " + id + " is " + c.status().name().toLowerCase());
      }
      String agent = viewer.agent() != null ? viewer.agent() : c.agent();
      JsonObject request = new JsonObject().put("action", "originate-callback")
          .put("agent", agent.contains("/") ? agent : "PJSIP/" + agent)
          .put("customer", c.customerNumber()).put("commitmentId", c.id());
      ctx.vertx().eventBus().send(Addresses.PBX_ACTIONS, request.encode());
      return new JsonObject().put("requested", true).put("request", request).encode();
    });
  }

  private static OffsetDateTime parseDue(String due) {
    try {
      return OffsetDateTime.parse(due);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("due must be ISO-8601 with offset, e.g. 2026-11-24T15:00:00+08:00");
    }
  }

  private static java.time.Instant editedDue(RoutingContext ctx) {
    JsonObject body = bodyOf(ctx);
    String due = body.getString("due");
    return due == null || due.isBlank() ? null : parseDue(due).toInstant();
  }

  private static String reason(RoutingContext ctx) {
    String reason = bodyOf(ctx).getString("reason");
    if (reason == null || reason.isBlank()) {
      throw ApiError.badRequest("a reason is required");
    }
    return reason.strip();
  }

  private static JsonObject bodyOf(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body() == null ? null : ctx.body().asJsonObject();
      return body == null ? new JsonObject() : body;
    } catch (RuntimeException e) {
      throw ApiError.badRequest("body must be a JSON object");
    }
  }

  /** IMap calls block: run them off the event loop; ApiErrors go to the API failure handler. */
  private static void blocking(RoutingContext ctx, Callable<String> work) {
    ctx.vertx().executeBlocking(work, false).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        ctx.response().putHeader("content-type", "application/json").end(ar.result());
      }
    });
  }
}
