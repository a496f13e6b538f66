package dev.attune.app;

import dev.attune.core.config.AttuneConfig;
import dev.attune.core.health.NodeHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /health} and {@code GET /metrics} on a node that runs no web edge (node.roles without assist), so load
 * balancers and Prometheus treat every node alike. Anything else is 404: no pages, no API, no WebSocket here.
 */
final class OperationsEndpoint {
  private final Vertx vertx;
  private final AttuneConfig.Http http;
  private final NodeHealth health;
  private final PrometheusMeterRegistry registry;
  private HttpServer server;

  OperationsEndpoint(Vertx vertx, AttuneConfig.Http http, NodeHealth health, PrometheusMeterRegistry registry) {
    this.vertx = vertx;
    this.http = http;
    this.health = health;
    this.registry = registry;
  }

  Future<Integer> start() {
    return vertx.createHttpServer().requestHandler(this::handle).listen(http.port(), http.host())
        .map(s -> {
          server = s;
          return s.actualPort();
        });
  }

  int port() {
    return server == null ? -1 : server.actualPort();
  }

  Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (request.method().name().equals("GET") && path.equals("/health")) {
      health.check().onComplete(ar -> {
        boolean up = ar.succeeded() && ar.result().up();
        request.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
            .end(ar.succeeded() ? ar.result().body().encode() : "{\"status\":\"DOWN\"}");
      });
    } else if (request.method().name().equals("GET") && path.equals("/metrics")) {
      request.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
    } else {
      request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
          .end("{\"error\":404,\"message\":\"this node serves only /health and /metrics (node.roles has no assist)\"}");
    }
  }
}
