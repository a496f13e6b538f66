package dev.attune.assist.floor;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.assist.web.BlockingJson;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.Role;
import dev.attune.assist.web.RoleGate;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.store.CallHistoryStore;
import dev.attune.core.store.MapNames;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/queues} (supervisors, admins): per queue what is happening now and the service figures of today (in
 * the center's zone) and of the last 60 and 15 minutes, by the definitions of {@link QueueFigures}, which are the
 * Prometheus rules' ones, at every threshold of {@code metrics.serviceLevelSeconds}. The wallboard shows these, so it
 * and the dashboards say the same.
 */
public final class QueueRoutes implements ApiRoutes {
  private final HazelcastInstance hazelcast;
  private final CallHistoryStore history;
  private final List<Integer> thresholds;
  private final ZoneId zone;
  private final Clock clock;
  /** How long an answer is reused: a wallboard polls every 10 s, a dashboard scrapes every 30 s. */
  private static final Duration FRESH = Duration.ofSeconds(3);
  private final java.util.concurrent.atomic.AtomicReference<Answer> lastAnswer =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** {@code history} may be null (no database): ended calls are then read from the cluster map. */
  public QueueRoutes(HazelcastInstance hazelcast, CallHistoryStore history, List<Integer> thresholds, ZoneId zone,
                     Clock clock) {
    this.hazelcast = hazelcast;
    this.history = history;
    this.thresholds = List.copyOf(thresholds);
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public void mount(Router api) {
    api.get("/queues").handler(RoleGate.allow(Role.SUPERVISOR, Role.ADMIN)).handler(this::queues);
  }

  private void queues(RoutingContext ctx) {
    BlockingJson.respond(ctx, () -> {
      Instant now = clock.instant();
      Answer last = lastAnswer.get();
      if (last != null && !now.isAfter(last.at().plus(FRESH))) {
        return last.body(); // every wallboard polls: the figures are worked out once per few seconds, not per screen
      }
      Instant today = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
      Instant hour = now.minus(Duration.ofMinutes(60));
      Instant from = today.isBefore(hour) ? today : hour;
      List<CallRecord> ended = endedSince(from);
      List<LiveCall> live = new ArrayList<>();
      for (Object stored : hazelcast.getMap(MapNames.LIVE_CALLS).values()) {
        live.add(stored instanceof LiveCall c ? c : Json.read(Json.write(stored), LiveCall.class));
      }
      Map<String, JsonObject> byQueue = new TreeMap<>();
      for (QueueFigures.Now n : QueueFigures.now(now, live)) {
        JsonObject json = new JsonObject(Json.write(n));
        json.remove("queue");
        queue(byQueue, n.queue()).put("now", json);
      }
      period(byQueue, "today", QueueFigures.of(today, now, ended, live, thresholds));
      period(byQueue, "last60", QueueFigures.of(hour, now, ended, live, thresholds));
      period(byQueue, "last15", QueueFigures.of(now.minus(Duration.ofMinutes(15)), now, ended, live, thresholds));
      JsonArray queues = new JsonArray();
      for (JsonObject q : byQueue.values()) { // a queue quiet in a period shows zeros there, not nothing
        for (String period : List.of("today", "last60", "last15")) {
          if (!q.containsKey(period)) {
            JsonObject none = new JsonObject(Json.write(QueueFigures.none(q.getString("queue"), thresholds)));
            none.remove("queue");
            q.put(period, none);
          }
        }
        queues.add(q);
      }
      String body = new JsonObject().put("at", now.toString()).put("timeZone", zone.getId())
          .put("today", today.toString()).put("serviceLevelSeconds", new JsonArray(thresholds)).put("queues", queues)
          .encode();
      lastAnswer.set(new Answer(now, body));
      return body;
    });
  }

  private record Answer(Instant at, String body) {}

  private List<CallRecord> endedSince(Instant from) throws Exception {
    if (history != null) {
      return history.endedSince(from);
    }
    List<CallRecord> out = new ArrayList<>();
    for (Object stored : hazelcast.getMap(MapNames.CALL_HISTORY).values()) {
      CallRecord r = stored instanceof CallRecord c ? c : Json.read(Json.write(stored), CallRecord.class);
      if (r.endedAt() != null && !r.endedAt().isBefore(from)) {
        out.add(r);
      }
    }
    return out;
  }

  private static JsonObject queue(Map<String, JsonObject> byQueue, String name) {
    return byQueue.computeIfAbsent(name, q -> new JsonObject().put("queue", q)
        .put("now", new JsonObject().put("waiting", 0).put("oldestWaitSeconds", 0).put("talking", 0)));
  }

  private static void period(Map<String, JsonObject> byQueue, String name, List<QueueFigures> figures) {
    for (QueueFigures f : figures) {
      JsonObject json = new JsonObject(Json.write(f));
      json.remove("queue");
      queue(byQueue, f.queue()).put(name, json);
    }
  }
}
