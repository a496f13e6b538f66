package dev.attune.bridge;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.config.AttuneConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The PBX control plane of one node: the AMI link (held by one member cluster-wide), the call lifecycle
 * written to {@code calls.live}, {@code CallEvent}s on the event bus, and the FastAGI routing server.
 */
public final class TelephonyBridge extends VerticleBase {
  private final AttuneConfig config;
  private final HazelcastInstance hazelcast;
  private final MeterRegistry registry;

  public TelephonyBridge(AttuneConfig config, HazelcastInstance hazelcast, MeterRegistry registry) {
    this.config = config;
    this.hazelcast = hazelcast;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
