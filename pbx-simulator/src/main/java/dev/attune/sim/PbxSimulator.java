package dev.attune.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A TCP server that speaks AMI exactly as Asterisk 20 does, in front of either a replayed trace or
 * seeded call-center traffic, so any AMI client (ours, or a bare Asterisk-Java listener) can use it instead of Asterisk.
 */
public final class PbxSimulator {
  private PbxSimulator() {}

  /** Starts listening; the future completes once the port is bound. */
  public static Future<PbxSimulator> start(Vertx vertx, SimulatorOptions options) {
    return Future.failedFuture(new UnsupportedOperationException("not built yet"));
  }

  public int port() {
    throw new UnsupportedOperationException("not built yet");
  }

  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
