package dev.attune.assist.alerts;

import dev.attune.assist.web.ApiError;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.BlockingJson;
import dev.attune.assist.web.LimitParam;
import dev.attune.assist.web.Role;
import dev.attune.assist.web.RoleGate;
import dev.attune.assist.web.SinceParam;
import dev.attune.assist.web.Viewer;
import dev.attune.core.alerts.KeptAlert;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.AlertAcknowledged;
import dev.attune.core.bus.Bus;
import dev.attune.core.bus.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Supervisors' alerts over HTTP (supervisors and admins):
 * <ul>
 *   <li>{@code GET /alerts?since=<ISO instant>&limit=N}: kept alerts, newest first ({@code since} defaults to a day
 *       ago, {@code limit} to 50, at most 500): {@code [{alert:{id, at, kind, ...}, acknowledgedBy, acknowledgedAt}]}.</li>
 *   <li>{@code POST /alerts/:id/ack}: the caller takes it in hand; every wallboard hears
 *       {@code {"type":"alertAck","id","by","at"}}. 404 for an unknown alert, 409 when someone already did.</li>
 * </ul>
 */
public final class AlertRoutes implements ApiRoutes {
  private static final Duration DEFAULT_PERIOD = Duration.ofDays(1);
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;

  private final AlertBook book;
  private final Clock clock;

  public AlertRoutes(AlertBook book, Clock clock) {
    this.book = book;
    this.clock = clock;
  }

  @Override
  public void mount(Router api) {
    api.get("/alerts").handler(RoleGate.allow(Role.SUPERVISOR, Role.ADMIN)).handler(this::list);
    api.post("/alerts/:id/ack").handler(RoleGate.allow(Role.SUPERVISOR, Role.ADMIN)).handler(this::acknowledge);
  }

  private void list(RoutingContext ctx) {
    Instant since = SinceParam.of(ctx, clock, DEFAULT_PERIOD);
    int limit = LimitParam.of(ctx, DEFAULT_LIMIT, MAX_LIMIT);
    BlockingJson.respond(ctx, () -> Json.write(book.since(since, limit)));
  }

  private void acknowledge(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    String id = ctx.pathParam("id");
    BlockingJson.respond(ctx, () -> {
      KeptAlert done = book.acknowledge(id, viewer.username()).orElseThrow(() -> book.get(id)
          .map(k -> ApiError.conflict("alert " + id + " was acknowledged by " + k.acknowledgedBy()))
          .orElseGet(() -> ApiError.notFound("no alert " + id)));
      Bus.publish(ctx.vertx(), Addresses.ALERT_ACKS, new AlertAcknowledged(id, done.acknowledgedBy(),
          done.acknowledgedAt()));
      return Json.write(done);
    });
  }
}
