package dev.attune.core.health;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /health} says about a node: {@code {"status":"UP"|"DOWN", "cluster":{...}, <sections>}}. Each part
 * the node runs adds its section ({@code ami} from the bridge, {@code database}, {@code web} from the web edge); a
 * section reporting {@code "status":"DOWN"}, or failing, makes the node DOWN. Served by the web edge, or on a node
 * without one by the operations endpoint.
 */
public final class NodeHealth {
  /** The node's verdict and the body to send (200 when up, 503 when down, so a load balancer can act on it). */
  public record Report(boolean up, JsonObject body) {}

  private final HazelcastInstance hazelcast;
  private final Map<String, HealthSection> sections = new LinkedHashMap<>();

  public NodeHealth(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
  }

  /** Adds (or replaces) a named section. */
  public NodeHealth with(String name, HealthSection section) {
    sections.put(name, section);
    return this;
  }

  public Future<Report> check() {
    JsonObject body = new JsonObject().put("status", "UP").put("cluster", cluster());
    List<String> names = new ArrayList<>(sections.keySet());
    List<Future<JsonObject>> checks = names.stream().map(n -> safely(sections.get(n))).toList();
    return Future.join(checks).transform(done -> {
      boolean up = hazelcast.getLifecycleService().isRunning();
      for (int i = 0; i < names.size(); i++) {
        Future<JsonObject> check = checks.get(i);
        JsonObject section = check.succeeded() && check.result() != null ? check.result()
            : new JsonObject().put("status", "DOWN").put("error",
                check.cause() == null ? "no answer" : String.valueOf(check.cause().getMessage()));
        up &= !"DOWN".equals(section.getString("status"));
        body.put(names.get(i), section);
      }
      body.put("status", up ? "UP" : "DOWN");
      return Future.succeededFuture(new Report(up, body));
    });
  }

  private static Future<JsonObject> safely(HealthSection section) {
    try {
      return section.check();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private JsonObject cluster() {
    JsonObject cluster = new JsonObject().put("running", hazelcast.getLifecycleService().isRunning());
    if (hazelcast.getLifecycleService().isRunning()) {
      cluster.put("name", hazelcast.getConfig().getClusterName())
          .put("members", hazelcast.getCluster().getMembers().size())
          .put("local", String.valueOf(hazelcast.getCluster().getLocalMember().getAddress()));
    } else {
      cluster.put("members", 0);
    }
    return cluster;
  }
}
