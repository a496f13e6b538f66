package dev.attune.assist.web;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.metrics.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}: {@code {"status":"UP"|"DOWN", "cluster":{...}, "ami":{...}, "web":{...}, <sections>}}, 200 when
 * UP and 503 when DOWN so a load balancer can act on the status code alone. Other parts add sections
 * ({@link HealthSection}, e.g. {@code db}); a section reporting {@code "status":"DOWN"} or failing makes the node DOWN.
 *
 * <p>The AMI link is informational, never DOWN: only one node of a cluster holds it, and a node without the PBX link
 * still serves screens. By default it reads the bridge's {@value MetricNames#AMI_CONNECTED} gauge; the bridge may
 * replace the section with a richer one.
 */
public final class HealthRoutes {
  private final HazelcastInstance hazelcast;
  private final MeterRegistry registry;
  private final LiveFeed feed;
  private final Map<String, HealthSection> sections = new LinkedHashMap<>();

  public HealthRoutes(HazelcastInstance hazelcast, MeterRegistry registry, LiveFeed feed,
                      Map<String, HealthSection> extra) {
    this.hazelcast = hazelcast;
    this.registry = registry;
    this.feed = feed;
    sections.put("ami", this::amiFromGauge);
    sections.putAll(extra);
  }

  public void handle(RoutingContext ctx) {
    JsonObject body = new JsonObject().put("status", "UP").put("cluster", cluster())
        .put("web", new JsonObject().put("sockets", feed.connected()));
    List<String> names = new ArrayList<>(sections.keySet());
    List<Future<JsonObject>> checks = names.stream().map(n -> safely(sections.get(n))).toList();
    Future.join(checks).onComplete(done -> {
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
      ctx.response().setStatusCode(up ? 200 : 503);
      ctx.json(body);
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

  private Future<JsonObject> amiFromGauge() {
    Gauge gauge = registry.find(MetricNames.AMI_CONNECTED).gauge();
    JsonObject ami = new JsonObject();
    if (gauge == null) {
      ami.put("connected", false).put("detail", "this node holds no AMI link");
    } else {
      ami.put("connected", gauge.value() >= 1);
    }
    return Future.succeededFuture(ami);
  }
}
