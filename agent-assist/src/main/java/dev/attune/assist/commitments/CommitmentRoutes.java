package dev.attune.assist.commitments;

import dev.attune.assist.web.ApiError;
import dev.attune.assist.web.BlockingJson;
import dev.attune.assist.web.PbxAsk;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.Role;
import dev.attune.assist.web.Viewer;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.CallbackRequest;
import dev.attune.core.bus.Json;
import dev.attune.core.commitments.Commitment;
import dev.attune.core.commitments.CommitmentStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/commitments}: agents list and act on their own promises, supervisors on all.
 * <ul>
 *   <li>{@code GET /commitments?status=open} — proposed, open and overdue ({@code status=all}: everything;
 *       {@code status=recent}: the unfinished ones and then the five last closed, what the agent's screen lists)</li>
 *   <li>{@code POST /commitments/:id/confirm} — body {@code {"due":"ISO-8601 with offset"}} optional (edited due)</li>
 *   <li>{@code POST /commitments/:id/resolve} and {@code /cancel} — body {@code {"reason":"..."}} required</li>
 *   <li>{@code POST /commitments/:id/callback} — asks the PBX (a {@code CallbackRequest} to the node holding the AMI
 *       link) to ring the agent, then the customer; a supervisor may name the agent device ({@code {"agent":
 *       "PJSIP/1002"}}, else the promise's owner). 200 {@code {"requested":true,"queued":…,"agent":…,"customer":…,
 *       "pbx":…}} once the PBX answered; 503 when no node holds the link or the PBX refused.</li>
 * </ul>
 */
public final class CommitmentRoutes implements ApiRoutes {
  /** How long the bridge may take to hear the PBX accept an Originate. */
  /** The furthest a promise's due time may be set ahead. */
  private static final Duration DUE_AHEAD = Duration.ofDays(366);
  /** Closed promises {@code status=recent} lists after the unfinished ones. */
  private static final int RECENTLY_CLOSED = 5;

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
    if (!List.of("open", "recent", "all").contains(status)) {
      throw ApiError.badRequest("status must be open, recent or all");
    }
    String agent = viewer.role() == Role.AGENT ? viewer.agent() : null;
    BlockingJson.respond(ctx, () -> Json.write(switch (status) {
      case "recent" -> service.recent(agent, RECENTLY_CLOSED);
      case "all" -> service.list(agent, true);
      default -> service.open(agent);
    }));
  }

  private interface Action {
    Optional<Commitment> apply(Commitment c);
  }

  private void act(RoutingContext ctx, Action action) {
    Viewer viewer = Viewer.of(ctx);
    String id = ctx.pathParam("id");
    BlockingJson.respond(ctx, () -> {
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
    BlockingJson.respond(ctx, () -> {
      Commitment c = service.get(id).orElseThrow(() -> ApiError.notFound("no commitment " + id));
      if (!viewer.maySee(c.agent())) {
        throw ApiError.forbidden("not your commitment");
      }
      if (c.status().finished() || c.status() == CommitmentStatus.PROPOSED) {
        throw ApiError.conflict("commitment " + id + " is " + c.status().name().toLowerCase());
      }
      return new CallbackRequest(c.id(), ringing(viewer, c, text(bodyOf(ctx), "agent")), c.customerNumber());
    }, request -> PbxAsk.of(ctx.vertx(), Addresses.PBX_ACTIONS, request)
        .map(reply -> new JsonObject().put("requested", true).put("queued", reply.queued())
            .put("agent", request.agentDevice()).put("customer", request.customer())
            .put("pbx", reply.pbxMessage()).encode()));
  }

  /**
   * Whose phone rings first: an agent always rings their own; a supervisor or admin rings the promise's owner, or the
   * agent device they name in {@code {"agent": "PJSIP/1002"}}.
   */
  private static String ringing(Viewer viewer, Commitment c, String picked) {
    if (viewer.role() == Role.AGENT) {
      if (picked != null && !picked.equals(viewer.agent())) {
        throw ApiError.forbidden("an agent can only call back from their own phone");
      }
      return viewer.agent();
    }
    String device = picked == null || picked.isBlank() ? c.agent() : picked.strip();
    if (device == null || !device.matches("[A-Za-z]+/[\\w.@-]+")) {
      throw ApiError.badRequest("agent must be a PBX device like PJSIP/1001, got '" + device + "'");
    }
    return device;
  }

  /**
   * A promise is due from now to a year ahead (a day of slack behind, for clocks and time zones): a date outside that
   * is a typing slip, and one the database cannot even store ({@code +999999999-12-31}) would stall every write.
   */
  private static Instant parseDue(String due, Instant now) {
    Instant at;
    try {
      at = OffsetDateTime.parse(due).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("due must be ISO-8601 with offset, e.g. 2026-11-24T15:00:00+08:00");
    }
    Instant earliest = now.minus(Duration.ofDays(1));
    Instant latest = now.plus(DUE_AHEAD);
    if (at.isBefore(earliest) || at.isAfter(latest)) {
      throw ApiError.badRequest("due must be between " + earliest + " and " + latest + ", got " + due);
    }
    return at;
  }

  private static Instant editedDue(RoutingContext ctx) {
    String due = text(bodyOf(ctx), "due");
    return due == null || due.isBlank() ? null : parseDue(due, Instant.now());
  }

  private static String reason(RoutingContext ctx) {
    String reason = text(bodyOf(ctx), "reason");
    if (reason == null || reason.isBlank()) {
      throw ApiError.badRequest("a reason is required");
    }
    return reason.strip();
  }

  /** A string field, or null when absent; any other JSON type is a 400 naming the field. */
  private static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw ApiError.badRequest(field + " must be a string");
    }
    return (String) value;
  }

  private static JsonObject bodyOf(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body() == null ? null : ctx.body().asJsonObject();
      return body == null ? new JsonObject() : body;
    } catch (RuntimeException e) {
      throw ApiError.badRequest("body must be a JSON object");
    }
  }
}
