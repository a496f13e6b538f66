package dev.attune.assist.web;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * For route tests: a real Hazelcast member on a free loopback port, and the routes on a real HTTP server behind a
 * stand-in for the web edge's bearer check (the {@code x-test-viewer} header names who asks) and with its failure
 * handler, so status codes and error JSON are the real ones.
 */
public final class RoutesOnARealServer {
  public static final String VIEWER_HEADER = "x-test-viewer";

  private RoutesOnARealServer() {}

  /** A fresh single-member cluster of its own (random name, a port the OS said was free). */
  public static HazelcastInstance member(String name) {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HazelcastNode.start(HazelcastNode.config(new AttuneConfig.Cluster(name + "-" + UUID.randomUUID(),
        "127.0.0.1", port, List.of()), c -> { }));
  }

  /** Serves {@code routes} under {@code /api} on a loopback port; returns the port. */
  public static int serve(Vertx vertx, Function<String, Viewer> viewers, ApiRoutes routes) {
    Router root = Router.router(vertx);
    Router api = Router.router(vertx);
    api.route().handler(BodyHandler.create());
    api.route().handler(ctx -> {
      ctx.put(Viewer.CONTEXT_KEY, viewers.apply(ctx.request().getHeader(VIEWER_HEADER)));
      ctx.next();
    });
    routes.mount(api);
    api.route().failureHandler(new ApiFailureHandler()::handle);
    root.route("/api/*").subRouter(api);
    return vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1").await().actualPort();
  }
}
