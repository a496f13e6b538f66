package dev.attune.assist;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.HealthSection;
import dev.attune.assist.web.OpenPromises;
import dev.attune.assist.web.UserDirectory;
import dev.attune.assist.web.WebEdge;
import dev.attune.core.config.AttuneConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Media, language and guidance of one node, and the screens: HTTP API, WebSocket push, the pages, {@code /health}
 * and {@code /metrics} ({@link WebEdge}). Capabilities add their {@code /api} routes in {@link #apiRoutes}; they are
 * mounted behind the bearer-token check.
 */
public final class AgentAssist extends VerticleBase {
  private final AttuneConfig config;
  private final HazelcastInstance hazelcast;
  private final PrometheusMeterRegistry registry;
  private final List<ApiRoutes> extraRoutes = new ArrayList<>();
  private final Map<String, HealthSection> healthSections = new LinkedHashMap<>();
  private UserDirectory users;
  private OpenPromises promises = OpenPromises.NONE;
  private dev.attune.core.store.CallHistoryStore history;
  private WebEdge web;

  public AgentAssist(AttuneConfig config, HazelcastInstance hazelcast, PrometheusMeterRegistry registry) {
    this.config = Objects.requireNonNull(config, "config");
    this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The accounts that may sign in; without this, the node reads them per {@link UserDirectory#forNode}. */
  public AgentAssist withUsers(UserDirectory users) {
    this.users = users;
    return this;
  }

  /** More {@code /api} routes (e.g. from the app), mounted after {@link #apiRoutes}. Call before deploying. */
  public AgentAssist withRoutes(ApiRoutes routes) {
    extraRoutes.add(routes);
    return this;
  }

  /** A named section of {@code /health} (e.g. {@code db}); replaces a built-in one of the same name. */
  public AgentAssist withHealth(String name, HealthSection section) {
    healthSections.put(name, section);
    return this;
  }

  /** Ended calls from the database (newest first, per customer); without it history is read from the cluster map. */
  public AgentAssist withHistory(dev.attune.core.store.CallHistoryStore history) {
    this.history = history;
    return this;
  }

  /** Where the customer panel gets open promises from (the commitments capability). */
  public AgentAssist withOpenPromises(OpenPromises promises) {
    this.promises = promises;
    return this;
  }

  /** The bound HTTP port (useful with port 0); -1 before start. */
  public int httpPort() {
    return web == null ? -1 : web.port();
  }

  @Override
  public Future<?> start() {
    if (users == null) {
      users = UserDirectory.forNode(config.auth(), Path.of("config"));
    }
    web = new WebEdge(vertx, config, hazelcast, registry, users,
        new WebEdge.Extensions(apiRoutes(), healthSections, promises, history));
    return Future.join(List.of(web.start()));
  }

  @Override
  public Future<?> stop() {
    return web == null ? Future.succeededFuture() : web.stop();
  }

  /** The {@code /api} routes of this module's capabilities (transcripts, analyze, commitments): add yours here. */
  private List<ApiRoutes> apiRoutes() {
    List<ApiRoutes> routes = new ArrayList<>();
    routes.addAll(extraRoutes);
    return routes;
  }
}
