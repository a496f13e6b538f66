package dev.attune.assist.web;

import dev.attune.assist.guidance.StyleHint;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.commitments.PhoneNumbers;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.store.CallHistoryStore;
import dev.attune.core.store.MapNames;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The read side of calls for the screens: live calls, call history and the customer panel, each filtered by what the
 * viewer may see. Agents see only calls they are on, only their own history, and a customer's profile only while
 * they have that customer on a live call (that is when the panel is useful, and it keeps an agent from browsing the
 * customer base). On that call they see the customer's whole history, including calls other agents took, because
 * knowing the last complaint is the point of the panel.
 *
 * <p>Hazelcast's whole-map reads block, so they run on a worker ({@code executeBlocking}), never on the event loop.
 */
public final class CallRoutes implements ApiRoutes {
  static final int DEFAULT_HISTORY_LIMIT = 50;
  static final int MAX_HISTORY_LIMIT = 1000;
  static final int CUSTOMER_HISTORY_LIMIT = 20;

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final OpenPromises promises;
  private final CallHistoryStore history;
  private final CustomerKeys keys;

  /** {@code history} may be null: then ended calls are read from the cluster map (tests, or no database). */
  public CallRoutes(Vertx vertx, HazelcastInstance hazelcast, OpenPromises promises, CallHistoryStore history,
                    CustomerKeys keys) {
    this.keys = keys;
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.promises = promises;
    this.history = history;
  }

  @Override
  public void mount(Router api) {
    api.get("/calls").handler(this::liveCalls);
    api.get("/history").handler(this::history);
    api.get("/customers/:number").handler(this::customer);
  }

  private void liveCalls(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    readLiveCallsBlocking()
        .map(calls -> calls.stream().filter(c -> viewer.maySee(c.getString("agent")))
            .sorted(Comparator.comparing((JsonObject c) -> StoredJson.instant(c, "offeredAt")))
            .toList())
        .onSuccess(calls -> ctx.json(new JsonArray(calls)))
        .onFailure(ctx::fail);
  }

  private void history(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    int limit = LimitParam.of(ctx, DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT);
    // an agent's own calls are a subset: ask for the most a page allows, then keep theirs
    historyBlocking(viewer.role() == Role.AGENT ? MAX_HISTORY_LIMIT : limit)
        .map(records -> newestFirst(records.stream().filter(r -> viewer.maySee(r.getString("agent"))).toList(), limit))
        .onSuccess(records -> ctx.json(new JsonArray(records)))
        .onFailure(ctx::fail);
  }

  private void customer(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    String number = ctx.pathParam("number").trim();
    if (number.isEmpty() || number.length() > 64) {
      throw ApiError.badRequest("customer number must have 1..64 characters");
    }
    Future<JsonObject> ownCall = viewer.role() == Role.AGENT
        ? readLiveCallsBlocking().map(calls -> calls.stream()
            .filter(c -> PhoneNumbers.same(number, c.getString("caller")) && viewer.maySee(c.getString("agent")))
            .findFirst()
            .orElseThrow(() -> ApiError.forbidden("agents see a customer only while that customer is on their call")))
        : Future.succeededFuture(null);
    ownCall.compose(call -> Future.all(customerBlocking(number),
                customerHistoryBlocking(number), promises.forCustomer(number))
            .map(all -> panel(number, call, all.resultAt(0), all.resultAt(1), all.resultAt(2))))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private static JsonObject panel(String number, JsonObject ownCall, JsonObject profile, List<JsonObject> history,
                                  JsonArray promises) {
    if (profile == null && history.isEmpty() && ownCall == null) {
      throw ApiError.notFound("no customer with number " + number);
    }
    if (profile == null) { // a first-time caller: show what the live call tells us
      profile = new JsonObject().put("number", number)
          .put("name", ownCall == null ? null : ownCall.getString("callerName"))
          .put("calls", 0).put("answered", 0).put("abandoned", 0).put("complaints", 0).put("vip", false);
    }
    JsonObject style = profile.getJsonObject("style");
    StyleHint hint = style == null ? null : StyleHint.of(Json.read(style.encode(), CustomerProfile.SpeakingStyle.class));
    return new JsonObject()
        .put("number", number)
        .put("profile", profile)
        .put("styleHint", hint == null ? null : new JsonObject(Json.write(hint)))
        .put("openPromises", promises)
        .put("history", new JsonArray(history));
  }

  private static List<JsonObject> newestFirst(List<JsonObject> records, int limit) {
    return records.stream()
        .sorted(Comparator.comparing((JsonObject r) -> StoredJson.instant(r, "endedAt")).reversed())
        .limit(limit)
        .toList();
  }

  private Future<List<JsonObject>> readLiveCallsBlocking() {
    return readAllBlocking(MapNames.LIVE_CALLS);
  }

  /** Newest ended calls: an indexed database query when there is a database, else a scan of the cluster map. */
  private Future<List<JsonObject>> historyBlocking(int limit) {
    if (history == null) {
      return readAllBlocking(MapNames.CALL_HISTORY);
    }
    return vertx.executeBlocking(() -> history.newest(limit).stream().map(StoredJson::of).toList(), false);
  }

  /** The profile under the number's customer key, or (stored before numbers had one key) as written. */
  private Future<JsonObject> customerBlocking(String number) {
    return readOneBlocking(MapNames.CUSTOMERS, keys.key(number))
        .compose(profile -> profile != null ? Future.succeededFuture(profile)
            : readOneBlocking(MapNames.CUSTOMERS, number));
  }

  private Future<List<JsonObject>> customerHistoryBlocking(String number) {
    if (history != null) {
      return vertx.executeBlocking(() -> history.ofCustomer(number, CUSTOMER_HISTORY_LIMIT).stream()
          .map(StoredJson::of).toList(), false);
    }
    return readAllBlocking(MapNames.CALL_HISTORY)
        .map(records -> newestFirst(records.stream().filter(r -> PhoneNumbers.same(number, r.getString("caller"))).toList(),
            CUSTOMER_HISTORY_LIMIT));
  }

  private Future<List<JsonObject>> readAllBlocking(String mapName) {
    return vertx.executeBlocking(() -> {
      IMap<Object, Object> map = hazelcast.getMap(mapName);
      return map.values().stream().map(StoredJson::of).filter(Objects::nonNull).toList();
    }, false);
  }

  private Future<JsonObject> readOneBlocking(String mapName, String key) {
    return vertx.executeBlocking(() -> StoredJson.of(hazelcast.getMap(mapName).get(key)), false);
  }
}
