package dev.attune.assist.floor;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.assist.web.BlockingJson;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.Role;
import dev.attune.assist.web.RoleGate;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.calls.QueueTrend;
import dev.attune.core.commitments.Commitment;
import dev.attune.core.commitments.CommitmentIndex;
import dev.attune.core.commitments.CommitmentStatus;
import dev.attune.core.complaints.Complaint;
import dev.attune.core.guidance.ShownCard;
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
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /api/queues} (supervisors, admins): per queue what is happening now and the service figures of today (in
 * the center's zone) and of the last 60 and 15 minutes, by the definitions of {@link QueueFigures}, which are the
 * Prometheus rules' ones, at every threshold of {@code metrics.serviceLevelSeconds}, with the post-call survey's
 * figures per queue and, for today, per agent ({@link AgentFigures}), and today's complaint records by kind. The wallboard shows these, so it and the dashboards say the same.
 */
public final class QueueRoutes implements ApiRoutes {
  private final HazelcastInstance hazelcast;
  private final EndedCalls endedCalls;
  private final Since<Complaint> complaints;
  private final Since<ShownCard> cards;
  private final QueueTargets targets;
  private final List<Integer> thresholds;
  private final ZoneId zone;
  private final Clock clock;
  /** How long an answer is reused: a wallboard polls every 10 s, a dashboard scrapes every 30 s. */
  private static final Duration FRESH = Duration.ofSeconds(3);
  private final java.util.concurrent.atomic.AtomicReference<Answer> lastAnswer =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** Records kept from an instant on (the database's, or the cluster map's without one); blocks. */
  @FunctionalInterface
  public interface Since<T> {
    List<T> since(Instant from) throws Exception;
  }

  /**
   * {@code history} may be null (no database): ended calls are then read from the cluster map. {@code complaints}:
   * complaint records by when they were drafted; {@code cards}: guidance cards by when they were shown.
   */
  public QueueRoutes(HazelcastInstance hazelcast, CallHistoryStore history, Since<Complaint> complaints,
                     Since<ShownCard> cards, QueueTargets targets, List<Integer> thresholds, ZoneId zone,
                     Clock clock) {
    this.hazelcast = hazelcast;
    this.endedCalls = new EndedCalls(hazelcast, history);
    this.complaints = complaints;
    this.cards = cards;
    this.targets = targets;
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
      List<CallRecord> ended = endedCalls.since(today.isBefore(hour) ? today : hour);
      List<LiveCall> live = List.copyOf(hazelcast.<String, LiveCall>getMap(MapNames.LIVE_CALLS).values());
      Map<String, QueueTrend> trends = Map.copyOf(hazelcast.<String, QueueTrend>getMap(MapNames.QUEUE_TRENDS));
      Map<String, QueueFigures.Now> current = byQueue(QueueFigures.now(now, live), QueueFigures.Now::queue);
      Map<String, Map<String, QueueFigures>> periods = new LinkedHashMap<>();
      periods.put("today", byQueue(QueueFigures.of(today, now, ended, live, thresholds), QueueFigures::queue));
      periods.put("last60", byQueue(QueueFigures.of(hour, now, ended, live, thresholds), QueueFigures::queue));
      periods.put("last15", byQueue(QueueFigures.of(now.minus(Duration.ofMinutes(15)), now, ended, live, thresholds),
          QueueFigures::queue));
      Set<String> names = new TreeSet<>(current.keySet());
      periods.values().forEach(p -> names.addAll(p.keySet()));
      JsonArray queues = new JsonArray();
      for (String name : names) { // a queue quiet in a period shows zeros there, not nothing
        JsonObject q = new JsonObject().put("queue", name)
            .put("now", figures(current.getOrDefault(name, new QueueFigures.Now(name, 0, 0, 0))));
        periods.forEach((period, figures) ->
            q.put(period, figures(figures.getOrDefault(name, QueueFigures.none(name, thresholds)))));
        // the wallboard's colours: today's service level, the oldest wait now
        q.put("status", new JsonObject(Json.write(targets.status(periods.get("today").get(name), current.get(name)))));
        QueueTrend trend = trends.get(name); // the last hour, a sample a minute (the wall mode's lines)
        q.put("trend", new JsonArray(Json.write(trend == null ? List.of() : trend.samples())));
        queues.add(q);
      }
      JsonArray agents = new JsonArray(); // per agent, today: their calls, cards, promises kept, their callers' ratings
      Map<String, SurveyFigures> surveys = SurveyFigures.of(ended, today, now, CallRecord::agent);
      Map<String, AgentFigures> calls = AgentFigures.of(ended, cards.since(today),
          hazelcast.<String, Commitment>getMap(MapNames.COMMITMENTS).values(
              CommitmentIndex.inStatus(CommitmentStatus.KEPT)), today, now);
      Set<String> agentNames = new TreeSet<>(surveys.keySet());
      agentNames.addAll(calls.keySet());
      for (String agent : agentNames) {
        JsonObject day = new JsonObject(Json.write(calls.getOrDefault(agent, AgentFigures.NONE)));
        surveys.computeIfPresent(agent, (a, survey) -> {
          day.put("survey", figures(survey));
          return survey;
        });
        agents.add(new JsonObject().put("agent", agent).put("today", day));
      }
      String body = new JsonObject().put("at", now.toString()).put("timeZone", zone.getId())
          .put("today", today.toString()).put("serviceLevelSeconds", new JsonArray(thresholds))
          .put("targets", new JsonObject(Json.write(targets))).put("queues", queues)
          .put("agents", agents).put("complaints", new JsonObject()
              .put("today", new JsonObject(Json.write(ComplaintFigures.of(complaints.since(today), today, now)))))
          .encode();
      lastAnswer.set(new Answer(now, body));
      return body;
    });
  }

  private static <T> Map<String, T> byQueue(List<T> figures, Function<T, String> queue) {
    return figures.stream().collect(Collectors.toMap(queue, Function.identity()));
  }

  /** One queue's figures as they go out: under the queue's name, so without it. */
  private static JsonObject figures(Object figures) {
    JsonObject json = new JsonObject(Json.write(figures));
    json.remove("queue");
    return json;
  }

  private record Answer(Instant at, String body) {}

}
