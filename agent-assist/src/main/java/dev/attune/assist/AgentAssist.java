package dev.attune.assist;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.config.AttuneConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Media, language and guidance of one node, and the screens: HTTP API, WebSocket push, AudioSocket server.
 */
public final class AgentAssist extends VerticleBase {
  private final AttuneConfig config;
  private final HazelcastInstance hazelcast;
  private final PrometheusMeterRegistry registry;

  public AgentAssist(AttuneConfig config, HazelcastInstance hazelcast, PrometheusMeterRegistry registry) {
    this.config = config;
    this.hazelcast = hazelcast;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
