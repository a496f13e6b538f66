package dev.attune.assist.complaints;

import com.hazelcast.map.IMap;
import dev.attune.assist.web.ApiError;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.BlockingJson;
import dev.attune.assist.web.JsonBody;
import dev.attune.assist.web.KeptRecords;
import dev.attune.assist.web.SinceParam;
import dev.attune.assist.web.Viewer;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.complaints.Complaint;
import dev.attune.core.store.JsonRows;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Complaint records over HTTP. An agent sees and moves only the complaints of their own calls; supervisors and admins
 * all of them.
 * <ul>
 *   <li>{@code GET /complaints?status=draft|confirmed|discarded&since=<ISO instant>&customer=<number>}: newest first;
 *       {@code since} defaults to seven days ago.</li>
 *   <li>{@code POST /complaints/:id/confirm} {@code {category, severity, summary?}}: the draft becomes a record (the
 *       draft's guesses are taken where the body leaves them out).</li>
 *   <li>{@code POST /complaints/:id/discard}: it was no complaint.</li>
 *   <li>{@code POST /complaints} {@code {callId, category, severity, summary}}: records one the coach did not draft,
 *       on a call that is live or in the history.</li>
 * </ul>
 */
public final class ComplaintRoutes implements ApiRoutes {
  private static final Duration DEFAULT_PERIOD = Duration.ofDays(7);
  private static final int MAX_SUMMARY = 4000;
  private static final int MAX_LISTED = 1000;

  private final ComplaintDesk desk;
  private final KeptRecords<Complaint> kept;
  private final IMap<String, LiveCall> live;
  private final IMap<String, CallRecord> history;
  private final Clock clock;
  private final CustomerKeys keys;

  /** {@code rows} may be null (no database): complaints are then listed from the cluster map. */
  public ComplaintRoutes(ComplaintDesk desk, IMap<String, Complaint> map, JsonRows<Complaint> rows,
                         IMap<String, LiveCall> live, IMap<String, CallRecord> history, CustomerKeys keys,
                         Clock clock) {
    this.keys = keys;
    this.desk = desk;
    this.kept = new KeptRecords<>(rows, map, Complaint::draftedAt);
    this.live = live;
    this.history = history;
    this.clock = clock;
  }

  @Override
  public void mount(Router api) {
    api.get("/complaints").handler(this::list);
    api.post("/complaints").handler(this::file);
    api.post("/complaints/:id/confirm").handler(ctx -> move(ctx, (c, by) -> {
      JsonObject body = JsonBody.of(ctx, "{category, severity, summary?}");
      Complaint.Category category = body.containsKey("category")
          ? category(body.getValue("category")) : c.category();
      Complaint.Severity severity = body.containsKey("severity")
          ? severity(body.getValue("severity")) : c.severity();
      String summary = body.containsKey("summary") ? summary(body.getValue("summary")) : c.summary();
      if (category == null || severity == null) {
        throw ApiError.badRequest("choose the complaint's category and severity before confirming it");
      }
      return desk.confirm(c.id(), category, severity, summary, by);
    }));
    api.post("/complaints/:id/discard").handler(ctx -> move(ctx, (c, by) -> desk.discard(c.id(), by)));
  }

  private void list(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    Complaint.Status status = param(ctx, "status", s -> Complaint.Status.valueOf(s.toUpperCase(Locale.ROOT)),
        "status must be draft, confirmed or discarded");

    String customer = ctx.request().getParam("customer");
    String key = customer == null ? null : keys.key(customer);
    Instant from = SinceParam.of(ctx, clock, DEFAULT_PERIOD);
    BlockingJson.respond(ctx, () -> Json.write(kept.since(from).stream()
        .filter(c -> viewer.maySee(c.agent()))
        .filter(c -> status == null || c.status() == status)
        .filter(c -> key == null || key.equals(keys.key(c.customerNumber())))
        .sorted(Comparator.comparing(Complaint::draftedAt).reversed()).limit(MAX_LISTED).toList()));
  }

  private interface Move {
    ComplaintDesk.Outcome apply(Complaint c, String by);
  }

  private void move(RoutingContext ctx, Move move) {
    Viewer viewer = Viewer.of(ctx);
    String id = ctx.pathParam("id");
    BlockingJson.respond(ctx, () -> {
      Complaint c = desk.get(id).orElseThrow(() -> ApiError.notFound("no complaint " + id));
      if (!viewer.maySee(c.agent())) {
        throw ApiError.forbidden("not a complaint on your calls");
      }
      ComplaintDesk.Outcome done = move.apply(c, viewer.username());
      if (done.refusal() == ComplaintDesk.Refusal.NOT_FOUND) {
        throw ApiError.notFound("no complaint " + id);
      }
      if (done.refusal() == ComplaintDesk.Refusal.BUSY) {
        throw ApiError.conflict("complaint " + id + " kept changing while this was saved; look again and retry");
      }
      if (done.refusal() != null) {
        throw ApiError.conflict("complaint " + id + " is already " + done.complaint().status().name()
            .toLowerCase(Locale.ROOT));
      }
      return Json.write(done.complaint());
    });
  }

  private void file(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    JsonObject body = JsonBody.of(ctx, "{callId, category, severity, summary}");
    String callId = body.getValue("callId") instanceof String s && !s.isBlank() ? s.strip() : null;
    if (callId == null) {
      throw ApiError.badRequest("callId is required: a complaint is recorded against the call it was made on");
    }
    Complaint.Category category = category(body.getValue("category"));
    Complaint.Severity severity = severity(body.getValue("severity"));
    String summary = summary(body.getValue("summary"));
    if (category == null || severity == null || summary.isBlank()) {
      throw ApiError.badRequest("category, severity and summary are required");
    }
    BlockingJson.respond(ctx, () -> {
      Complaint filed = onCall(callId, category, severity, summary);
      if (!viewer.maySee(filed.agent())) {
        throw ApiError.forbidden("not one of your calls");
      }
      return Json.write(desk.file(filed, viewer.username()));
    });
  }

  /** A draft of a complaint on a live or finished call, with what the caller of the API gave. */
  private Complaint onCall(String callId, Complaint.Category category, Complaint.Severity severity, String summary) {
    Instant now = clock.instant();
    LiveCall call = live.get(callId);
    if (call != null) {
      return new Complaint(UUID.randomUUID().toString(), callId, call.caller(), call.callerName(),
          call.agent(), call.queue(), null, category, severity, summary, List.of(), List.of(), Complaint.Status.DRAFT,
          now, null, null, null, null, now);
    }
    CallRecord record = history.get(callId);
    if (record == null) {
      throw ApiError.notFound("no call " + callId);
    }
    return new Complaint(UUID.randomUUID().toString(), callId, record.caller(), null,
        record.agent(), record.queue(), null, category, severity, summary, List.of(), List.of(),
        Complaint.Status.DRAFT, now, null, null, null, null, now);
  }

  private static Complaint.Category category(Object value) {
    return parse(value, s -> Complaint.Category.valueOf(s), "category must be one of PRODUCT_QUALITY,"
        + " TRANSACTION_PROCESS, COMMUNICATION_CONFLICT, SERVICE_STANDARD");
  }

  private static Complaint.Severity severity(Object value) {
    return parse(value, s -> Complaint.Severity.valueOf(s), "severity must be one of MAJOR, JUSTIFIED, UNJUSTIFIED,"
        + " MINOR");
  }

  private static String summary(Object value) {
    if (value != null && !(value instanceof String)) {
      throw ApiError.badRequest("summary must be text");
    }
    String text = value == null ? "" : ((String) value).strip();
    if (text.length() > MAX_SUMMARY) {
      throw ApiError.badRequest("summary is longer than " + MAX_SUMMARY + " characters");
    }
    return text;
  }

  private static <T> T parse(Object value, Function<String, T> read, String message) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw ApiError.badRequest(message);
    }
    try {
      return read.apply(s.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(message);
    }
  }

  private static <T> T param(RoutingContext ctx, String name, Function<String, T> read, String message) {
    String value = ctx.request().getParam(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return read.apply(value.strip());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw ApiError.badRequest(message);
    }
  }
}
