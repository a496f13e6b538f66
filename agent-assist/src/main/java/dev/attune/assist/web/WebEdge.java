package dev.attune.assist.web;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.config.ConfigException;
import dev.attune.core.health.NodeHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge of a node: pages, {@code /health}, {@code /metrics}, the {@code /api} router behind the bearer check
 * with one failure handler, and the {@code /ws} live feed. Built-in routes (calls, history, customers, agent roster)
 * are mounted first, then the {@link ApiRoutes} of other capabilities.
 */
public final class WebEdge {
  private static final Logger log = LoggerFactory.getLogger(WebEdge.class);
  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final int MAX_IMPORT_BYTES = 16 * 1024 * 1024;
  /** Pages load only our own scripts and styles and talk only to this origin: injected markup cannot run. */
  private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  /** Every path but the API's goes to the pages: an API path must not reach them, or 405 would become 404. */
  private static final String PAGE_PATHS = "^(?!/api(?:/|$)).*";

  /** What other capabilities add to the edge. */
  public record Extensions(List<ApiRoutes> routes, NodeHealth health, OpenPromises promises,
                           dev.attune.core.store.CallHistoryStore history) {}

  private final Vertx vertx;
  private final AttuneConfig config;
  private final HazelcastInstance hazelcast;
  private final PrometheusMeterRegistry registry;
  private final UserDirectory users;
  private final Extensions extensions;
  private final AccessTokens tokens;
  private final LiveFeed feed;
  private HttpServer server;

  public WebEdge(Vertx vertx, AttuneConfig config, HazelcastInstance hazelcast, PrometheusMeterRegistry registry,
                 UserDirectory users, Extensions extensions) {
    this.vertx = vertx;
    this.config = config;
    this.hazelcast = hazelcast;
    this.registry = registry;
    this.users = users;
    this.extensions = extensions;
    this.tokens = new AccessTokens(vertx, jwtSecret(config.auth()), config.auth().tokenMinutes(), users::find);
    this.feed = new LiveFeed(vertx, tokens, registry);
  }

  /** The WebSocket feed, e.g. to add an inbound frame type before {@link #start}. */
  public LiveFeed feed() {
    return feed;
  }

  public Future<HttpServer> start() {
    Router router = Router.router(vertx);
    router.route().handler(WebEdge::securityHeaders);
    extensions.health().with("web", () -> Future.succeededFuture(new JsonObject().put("sockets", feed.connected())));
    router.get("/health").handler(new HealthRoutes(extensions.health())::handle);
    router.get("/metrics").handler(this::metrics);
    router.get("/ws").handler(feed::upgrade);
    router.route("/api/*").subRouter(api());
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).pathRegex(PAGE_PATHS)
        .handler(WebEdge::revalidatePages)
        .handler(StaticHandler.create("webroot").setIndexPage("index.html"));
    ApiFailureHandler failures = new ApiFailureHandler();
    router.route().failureHandler(failures::handle);
    // What no route took (404, 405) or the router itself refused (400: a path with a bad %-escape) is JSON too.
    for (int status : new int[] {400, 404, 405, 500}) {
      router.errorHandler(status, failures.answering(status));
    }

    server = vertx.createHttpServer(new HttpServerOptions()
        .setMaxWebSocketFrameSize(MAX_BODY_BYTES).setMaxWebSocketMessageSize(MAX_BODY_BYTES)
        .setCompressionSupported(true));
    server.invalidRequestHandler(WebEdge::malformedRequest);
    Future<HttpServer> listening = server.requestHandler(router)
        .listen(config.http().port(), config.http().host())
        .recover(e -> Future.failedFuture(
            ConfigException.cannotListen("http.port", config.http().host(), config.http().port(), e)))
        .onSuccess(s -> log.info("HTTP listening on {}:{} (pages, /api, /ws, /health, /metrics; {} account(s))",
            config.http().host(), s.actualPort(), users.size()));
    return feed.start().compose(v -> listening);
  }

  /** Closes the browsers' sockets and the server. */
  public Future<Void> stop() {
    Future<Void> sockets = feed.close();
    return server == null ? sockets : sockets.eventually(server::close);
  }

  /** The bound HTTP port (useful with port 0); -1 before start. */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  private Router api() {
    Router api = Router.router(vertx);
    // A profile import is a file (up to 100,000 rows); every other body is a small JSON object.
    api.post("/customers/import").handler(BodyHandler.create().setBodyLimit(MAX_IMPORT_BYTES));
    api.route().handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
    // Sign-in is mounted after the bearer check (which lets it through) so that a wrong method on it is a 405.
    api.route().handler(new BearerAuth(tokens, "/api/login")::handle);
    api.post("/login").handler(new LoginRoutes(vertx, users, tokens, config.commitments().timezone())::login);
    List<ApiRoutes> all = new ArrayList<>();
    all.add(new CallRoutes(vertx, hazelcast, extensions.promises(), extensions.history(),
        config.customers().keys()));
    all.add(new AgentRosterRoutes(users));
    all.addAll(extensions.routes());
    all.forEach(routes -> routes.mount(api));
    api.route().failureHandler(new ApiFailureHandler()::handle);
    return api; // a request no route takes goes back to the node's router: its error handlers answer 404 or 405
  }

  private void metrics(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
  }

  /** Browsers must ask again (a cheap 304 when nothing changed), so an upgrade reaches them at once. */
  private static void revalidatePages(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-cache");
    ctx.next();
  }

  /**
   * A request Netty could not parse (a line or header over its limit, not HTTP at all) never reaches the router:
   * answer it in the API's JSON shape, then close, since the rest of the connection cannot be trusted.
   */
  private static void malformedRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = cause instanceof TooLongHttpHeaderException ? 431 : cause instanceof TooLongHttpLineException ? 414 : 400;
    HttpServerResponse response = request.response().putHeader("Connection", "close");
    ApiFailureHandler.send(response, status, ApiFailureHandler.reason(status))
        .onComplete(sent -> request.connection().close());
  }

  private static void securityHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("Cache-Control", "no-store") // answers carry calls and customers; pages override it
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY");
    ctx.next();
  }

  private static String jwtSecret(AttuneConfig.Auth auth) {
    if (!auth.jwtSecret().isEmpty()) {
      return auth.jwtSecret();
    }
    // Demo only (configuration demands a secret with a real PBX): tokens die with the process.
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    log.info("auth.jwtSecret is empty: tokens are signed with a random per-process secret (demo)");
    return Base64.getEncoder().encodeToString(random);
  }
}
