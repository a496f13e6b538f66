package dev.attune.bridge.routing;

import dev.attune.core.commitments.CustomerKeys;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.bridge.survey.SurveyCalls;
import dev.attune.bridge.survey.SurveyResults;
import dev.attune.bridge.survey.SurveyScript;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Bus;
import dev.attune.core.config.AttuneConfig;
import java.time.Clock;
import dev.attune.core.config.ConfigException;
import dev.attune.core.store.MapNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI server (routing and the post-call survey) as a part of its own: every bridge node answers routing
 * questions (Asterisk can spread AGI over nodes with {@code hagi://}); only the AMI link needs one owner. A port already in use is a configuration
 * error: start-up fails and says so.
 */
public final class RoutingServer extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(RoutingServer.class);

  private final AttuneConfig node;
  private final HazelcastInstance hazelcast;
  private final MeterRegistry registry;
  private FastAgiRouting routing;

  public RoutingServer(AttuneConfig node, HazelcastInstance hazelcast, MeterRegistry registry) {
    this.node = node;
    this.hazelcast = hazelcast;
    this.registry = registry;
  }

  /** The bound port (useful with port 0); -1 before start. */
  public int port() {
    return routing == null ? -1 : routing.port();
  }

  @Override
  public Future<?> start() {
    return Bus.requireStarted(vertx, "the FastAGI survey").compose(v -> listen()); // it publishes low-rating alerts
  }

  private Future<?> listen() {
    AttuneConfig.FastAgi config = node.fastagi();
    CustomerKeys keys = node.customers().keys();
    SurveyScript survey = new SurveyScript(node.survey(), new SurveyCalls(hazelcast, node.ami().systemName(), keys),
        new SurveyResults(hazelcast, registry, node.survey().alertAtOrBelow(),
            alert -> Bus.publish(vertx, Addresses.ALERTS, alert), keys), Clock.systemUTC());
    routing = new FastAgiRouting(config, hazelcast, new OpenPromisesInCluster(hazelcast.getMap(MapNames.COMMITMENTS)),
        survey, keys, registry);
    return vertx.executeBlocking(() -> { // Asterisk-Java's server binds and runs its own threads
      try {
        routing.start();
      } catch (java.io.IOException e) {
        throw ConfigException.cannotListen("fastagi.port", config.host(), config.port(),
            e.getCause() != null ? e.getCause() : e);
      }
      log.info("FastAGI routing on {}:{} for {} (rules {})", config.host(), routing.port(), config.allowFrom(),
          config.rulesFile());
      return null;
    }, false);
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(() -> {
      routing.stop();
      return null;
    }, false);
  }
}
