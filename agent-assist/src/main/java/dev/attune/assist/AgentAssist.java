package dev.attune.assist;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.assist.web.AccessTokens;
import dev.attune.assist.web.AgentRosterRoutes;
import dev.attune.assist.web.ApiError;
import dev.attune.assist.web.ApiFailureHandler;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.BearerAuth;
import dev.attune.assist.web.CallRoutes;
import dev.attune.assist.web.HealthRoutes;
import dev.attune.assist.web.HealthSection;
import dev.attune.assist.web.LiveFeed;
import dev.attune.assist.web.LoginRoutes;
import dev.attune.assist.web.OpenPromises;
import dev.attune.assist.web.UserDirectory;
import dev.attune.core.config.AttuneConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media, language and guidance of one node, and the screens: HTTP API, WebSocket push, the pages, {@code /health}
 * and {@code /metrics}. Every {@code /api} route except login sits behind the bearer-token check; routes of other
 * capabilities plug in as {@link ApiRoutes} (see {@link #apiRoutes}).
 */
public final class AgentAssist extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(AgentAssist.class);
  private static final int MAX_BODY_BYTES = 64 * 1024;
  /** Pages load only our own scripts and styles and talk only to this origin: injected markup cannot run. */
  private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  private final AttuneConfig config;
  private final HazelcastInstance hazelcast;
  private final PrometheusMeterRegistry registry;
  private final List<ApiRoutes> extraRoutes = new ArrayList<>();
  private final Map<String, HealthSection> healthSections = new LinkedHashMap<>();
  private UserDirectory users;
  private OpenPromises promises = OpenPromises.NONE;
  private HttpServer server;
  private LiveFeed feed;

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

  /** More {@code /api} routes, mounted behind the token check after the built-in ones. Call before deploying. */
  public AgentAssist withRoutes(ApiRoutes routes) {
    extraRoutes.add(routes);
    return this;
  }

  /** A named section of {@code /health} (e.g. {@code db}); replaces the built-in one of the same name. */
  public AgentAssist withHealth(String name, HealthSection section) {
    healthSections.put(name, section);
    return this;
  }

  /** Where the customer panel gets open promises from (the commitments capability). */
  public AgentAssist withOpenPromises(OpenPromises promises) {
    this.promises = promises;
    return this;
  }

  /** The bound HTTP port (useful with port 0); -1 before start. */
  public int httpPort() {
    return server == null ? -1 : server.actualPort();
  }

  @Override
  public Future<?> start() {
    if (users == null) {
      users = UserDirectory.forNode(config.auth(), java.nio.file.Path.of("config"));
    }
    AccessTokens tokens = new AccessTokens(vertx, jwtSecret(), config.auth().tokenMinutes());
    feed = new LiveFeed(vertx, tokens, registry);
    HealthRoutes health = new HealthRoutes(hazelcast, registry, feed, healthSections);

    Router router = Router.router(vertx);
    router.route().handler(AgentAssist::securityHeaders);
    router.get("/health").handler(health::handle);
    router.get("/metrics").handler(this::metrics);
    router.get("/ws").handler(feed::upgrade);
    router.route("/api/*").subRouter(api(tokens));
    router.route().handler(StaticHandler.create("webroot").setIndexPage("index.html"));
    router.route().failureHandler(new ApiFailureHandler()::handle);

    server = vertx.createHttpServer(new HttpServerOptions()
        .setMaxWebSocketFrameSize(64 * 1024).setMaxWebSocketMessageSize(MAX_BODY_BYTES)
        .setCompressionSupported(true));
    Future<HttpServer> listening = server.requestHandler(router)
        .listen(config.http().port(), config.http().host())
        .onSuccess(s -> log.info("HTTP listening on {}:{} (users={})", config.http().host(), s.actualPort(),
            users.size()));
    return Future.join(feed.start(), listening);
  }

  @Override
  public Future<?> stop() {
    return feed == null ? Future.succeededFuture() : feed.close();
  }

  private Router api(AccessTokens tokens) {
    Router api = Router.router(vertx);
    api.route().handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
    api.post("/login").handler(new LoginRoutes(vertx, users, tokens)::login);
    api.route().handler(new BearerAuth(tokens)::handle);
    apiRoutes().forEach(routes -> routes.mount(api));
    api.route().handler(ctx -> ctx.fail(ApiError.notFound("no such API route: " + ctx.request().path())));
    api.route().failureHandler(new ApiFailureHandler()::handle);
    return api;
  }

  /** Every {@code /api} route group this node serves. Add a capability's routes here. */
  private List<ApiRoutes> apiRoutes() {
    List<ApiRoutes> routes = new ArrayList<>();
    routes.add(new CallRoutes(vertx, hazelcast, promises));
    routes.add(new AgentRosterRoutes(users));
    routes.addAll(extraRoutes);
    return routes;
  }

  private void metrics(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
  }

  private static void securityHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY");
    ctx.next();
  }

  private String jwtSecret() {
    if (!config.auth().jwtSecret().isEmpty()) {
      return config.auth().jwtSecret();
    }
    // Demo only (config validation demands a secret with a real PBX): tokens die with the process.
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    log.info("auth.jwtSecret is empty: using a random per-process secret (demo mode)");
    return Base64.getEncoder().encodeToString(random);
  }
}
