package dev.attune.app;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.assist.AgentAssist;
import dev.attune.assist.audio.HazelcastTapDirectory;
import dev.attune.assist.audio.SpeechAnalytics;
import dev.attune.assist.transcripts.SpeechRecognizer;
import dev.attune.assist.transcripts.TranscriptIntake;
import dev.attune.assist.web.UserDirectory;
import dev.attune.bridge.TelephonyBridge;
import dev.attune.bridge.routing.RoutingServer;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.bus.Bus;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.config.ConfigException;
import dev.attune.core.health.NodeHealth;
import dev.attune.core.store.DatabaseHealth;
import dev.attune.core.store.DurableStores;
import dev.attune.core.store.MapNames;
import dev.attune.core.store.RowMapping;
import dev.attune.core.store.SharedDatabase;
import dev.attune.core.commitments.Commitment;
import dev.attune.assist.commitments.CommitmentCapability;
import java.time.Clock;
import dev.attune.sim.PbxSimulator;
import dev.attune.sim.SimulatorOptions;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Attune node, wired in start-up order: the embedded Hazelcast member, a clustered Vert.x sharing it (one
 * Prometheus registry for Vert.x's and our meters) and its typed bus, then the parts its {@code node.roles} name:
 * bridge (FastAGI routing; the built-in PBX simulator when no AMI host is configured, after routing so its callers
 * can take the survey on the bound port; the telephony bridge) and assist (speech analytics, promises, agent assist
 * with the HTTP edge); a node without assist serves {@code /health} and
 * {@code /metrics} from a small operations endpoint. {@link #stop} undoes it in reverse. Several nodes can run
 * in one JVM (tests: port 0, a random cluster name), which is why nothing here is static.
 */
public final class AttuneNode {
  private static final Logger log = LoggerFactory.getLogger(AttuneNode.class);

  private final AttuneConfig config;
  private final Path configDir;
  private Consumer<Config> hazelcastCustomizer = c -> { };
  private Consumer<AgentAssist> assistCustomizer = a -> { };

  private PrometheusMeterRegistry registry;
  private HazelcastInstance hazelcast;
  private Vertx vertx;
  private PbxSimulator simulator;
  private TelephonyBridge bridge;
  private RoutingServer routing;
  private AgentAssist assist;
  private DurableStores stores;
  private CommitmentCapability commitments;
  private NodeHealth health;
  private OperationsEndpoint operations;
  private JvmGcMetrics gcMetrics;
  private final List<String> deployments = new ArrayList<>();

  /** {@code configDir} holds {@code attune.yaml} and, for the demo, {@code demo-users.yaml}. */
  public AttuneNode(AttuneConfig config, Path configDir) {
    this.config = Objects.requireNonNull(config, "config");
    this.configDir = Objects.requireNonNull(configDir, "configDir");
  }

  /** Adjusts the Hazelcast member before it starts (the store layer adds its MapStores here). */
  public AttuneNode customizeHazelcast(Consumer<Config> customizer) {
    this.hazelcastCustomizer = hazelcastCustomizer.andThen(customizer);
    return this;
  }

  /** Adjusts agent assist before deployment: extra {@code /api} routes, {@code /health} sections. */
  public AttuneNode customizeAssist(Consumer<AgentAssist> customizer) {
    this.assistCustomizer = assistCustomizer.andThen(customizer);
    return this;
  }

  public Future<AttuneNode> start() {
    UserDirectory users;
    try {
      users = UserDirectory.forNode(config.auth(), configDir); // a bad users file is a configuration error
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (users.size() == 0 && config.node().runs(AttuneConfig.Node.Role.ASSIST)) {
      return Future.failedFuture(new ConfigException(List.of("auth.usersFile: no accounts, so nobody could sign in"
          + " (with a real PBX the demo accounts do not load). List them in a users file (format in"
          + " config/users.example.yaml; a password hash from: java -cp attune-all.jar dev.attune.app.HashPassword)"
          + " and give its path in ATTUNE_AUTH_USERS_FILE")));
    }
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    bindProcessMeters();
    boolean bridgeRole = config.node().runs(AttuneConfig.Node.Role.BRIDGE);
    boolean assistRole = config.node().runs(AttuneConfig.Node.Role.ASSIST);
    if (!assistRole) {
      // Work shared by partition (coaching a call, reminding a promise, announcing a caller) runs where the data
      // lives: a node without assist holds none, as a Hazelcast lite member, so every partition has an assist owner.
      hazelcastCustomizer = hazelcastCustomizer.andThen(c -> c.setLiteMember(true));
    }
    return openDatabase()
        .compose(db -> startHazelcast())
        .compose(hz -> oneDatabaseForTheCluster())
        .compose(v -> startVertx())
        .compose(v -> Bus.start(vertx)) // typed messages, one decode per node, before any part listens
        .compose(v -> {
          health = new NodeHealth(hazelcast).with("database", this::databaseHealth);
          return bridgeRole ? startRouting() : Future.<Void>succeededFuture();
        })
        .compose(v -> bridgeRole ? startSimulatorIfNeeded() : Future.succeededFuture(config))
        .compose(bridgeConfig -> assistRole ? startSpeechAnalytics(bridgeConfig) : Future.succeededFuture(bridgeConfig))
        .compose(bridgeConfig -> bridgeRole ? startBridge(bridgeConfig) : notABridge())
        .compose(v -> assistRole ? startAssist(users) : startOperationsEndpoint())
        .compose(v -> simulator == null || !assistRole ? Future.<Void>succeededFuture()
            : deploy("demo conversations", new DemoConversations(assist.transcripts(), hazelcast)))
        .map(v -> {
          log.info("Attune node up: http://{}:{}/ (roles {}, cluster {}, {} member(s), ami {})", displayHost(),
              httpPort(), config.node().roles(), config.cluster().name(), hazelcast.getCluster().getMembers().size(),
              !bridgeRole ? "on the bridge nodes" : simulator != null ? "simulated on 127.0.0.1:" + simulator.port()
                  : config.ami().host() + ":" + config.ami().port());
          return this;
        });
  }

  private Future<Void> startBridge(AttuneConfig bridgeConfig) {
    bridge = new TelephonyBridge(bridgeConfig, hazelcast, registry);
    health.with("ami", () -> Future.succeededFuture(bridge.health()));
    return deploy("telephony bridge", bridge);
  }

  /** Before the built-in PBX, which sends its post-call surveys to the port this binds (port 0: the one chosen). */
  private Future<Void> startRouting() {
    routing = new RoutingServer(config, hazelcast, registry);
    return deploy("FastAGI routing", routing);
  }

  private Future<Void> notABridge() {
    health.with("ami", () -> Future.succeededFuture(new JsonObject().put("connected", false)
        .put("detail", "this node does not run the bridge (node.roles)")));
    return Future.succeededFuture();
  }

  private Future<Void> startAssist(UserDirectory users) {
    commitments = CommitmentCapability.create(config, hazelcast, vertx, registry, Clock.systemUTC());
    return deploy("commitment tracker", commitments.tracker()).compose(v -> {
      assist = new AgentAssist(config, hazelcast, registry).withUsers(users).withHistory(stores.history())
          .withCards(stores.cards()).withProfiles(stores.customers()).withProfileChanges(stores.profileChanges())
          .withComplaints(stores.complaints()).withAlerts(stores.alerts())
          .withSupervision(stores.supervision())
          .withCommitments(commitments).withHealth(health);
      assistCustomizer.accept(assist);
      return deploy("agent assist", assist);
    });
  }

  /** A node without the web edge still answers {@code /health} and {@code /metrics} on {@code http.port}. */
  private Future<Void> startOperationsEndpoint() {
    operations = new OperationsEndpoint(vertx, config.http(), health, registry);
    return operations.start().onSuccess(port -> log.info("operations endpoint on {}:{} (/health, /metrics)",
        config.http().host(), port)).mapEmpty();
  }

  private Future<JsonObject> databaseHealth() {
    DatabaseHealth db = stores.health();
    return Future.succeededFuture(new JsonObject().put("status", db.up() ? "UP" : "DEGRADED").put("db", db.db())
        .put("pendingWrites", db.pendingWrites())); // still serving live calls: degraded, not down
  }

  /** Stops the parts in reverse order; safe to call after a failed or partial start. */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    if (vertx != null) {
      Vertx running = vertx;
      for (int i = deployments.size() - 1; i >= 0; i--) {
        String id = deployments.get(i);
        chain = chain.eventually(() -> running.undeploy(id));
      }
      deployments.clear();
      if (operations != null) {
        OperationsEndpoint ops = operations;
        chain = chain.eventually(ops::stop);
        operations = null;
      }
      if (simulator != null) {
        PbxSimulator sim = simulator;
        chain = chain.eventually(sim::close);
        simulator = null;
      }
      Vertx v = vertx;
      chain = chain.eventually(v::close);
      vertx = null;
    }
    return chain.eventually(() -> {
      if (hazelcast != null) {
        HazelcastInstance hz = hazelcast;
        hazelcast = null;
        return Future.fromCompletionStage(CompletableFuture.runAsync(hz::shutdown));
      }
      return Future.succeededFuture();
    }).eventually(() -> {
      if (stores != null) {
        DurableStores db = stores;
        stores = null;
        return Future.fromCompletionStage(CompletableFuture.runAsync(db::close)); // a last flush of queued writes
      }
      return Future.succeededFuture();
    }).eventually(() -> {
      if (gcMetrics != null) {
        gcMetrics.close();
      }
      if (registry != null) {
        registry.close();
      }
      log.info("Attune node stopped");
      return Future.succeededFuture();
    });
  }

  public int httpPort() {
    return assist != null ? assist.httpPort() : operations != null ? operations.port() : -1;
  }

  public HazelcastInstance hazelcast() {
    return hazelcast;
  }

  public Vertx vertx() {
    return vertx;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The built-in PBX, or null when the node talks to a real one (tests place scripted calls on it). */
  public PbxSimulator simulator() {
    return simulator;
  }

  /** The bound FastAGI port (routing and the survey), or -1 on a node without the bridge role. */
  public int fastAgiPort() {
    return routing == null ? -1 : routing.port();
  }

  /** The simulator's AMI port, or -1 when the node talks to a real PBX. */
  public int simulatorPort() {
    return simulator == null ? -1 : simulator.port();
  }

  /** JVM and process meters, so one scrape also shows memory, GC pauses, threads and CPU of the node. */
  private void bindProcessMeters() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
  }

  /**
   * Opens the database (H2 file under data.dir, or db.url) and migrates its schema before the member starts, so
   * history, customers and commitments are written through from the first call. An unreachable database or a schema
   * from a newer version stops start-up with a message naming db.url.
   */
  private Future<DurableStores> openDatabase() {
    return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> DurableStores.start(config)))
        .onSuccess(opened -> {
          stores = opened;
          // promises must outlive a crash like history does: their own table, loaded eagerly
          opened.register(new RowMapping<>(MapNames.COMMITMENTS, "commitments", Commitment.class,
              Commitment::customerNumber, Commitment::dueAt, true));
          hazelcastCustomizer = hazelcastCustomizer.andThen(opened::configure).andThen(c -> c
              .getMemberAttributeConfig().setAttribute(SharedDatabase.ATTRIBUTE, opened.shared().marker()));
          log.info("database ready: {}", DurableStores.jdbcUrl(config).replaceAll(";.*", ""));
        });
  }

  // Hazelcast's start blocks for a second or two while it binds and looks for members: keep it off any event loop.
  private Future<HazelcastInstance> startHazelcast() {
    Config hzConfig = HazelcastNode.config(config.cluster(), hazelcastCustomizer);
    return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> HazelcastNode.start(hzConfig)))
        .compose(hz -> hzConfig.isLiteMember() ? dataMemberIn(hz) : Future.succeededFuture(hz))
        .onSuccess(hz -> {
          hazelcast = hz;
          log.info("Hazelcast member up on {} (cluster {}, {} member(s){})", hz.getCluster().getLocalMember().getAddress(),
              config.cluster().name(), hz.getCluster().getMembers().size(), hzConfig.isLiteMember() ? ", lite" : "");
        });
  }

  /**
   * Refuses to go on when a member already in the cluster writes to another database than this node: embedded H2 on
   * each host, or two PostgreSQL databases, would split the history, promises and complaints between the nodes and
   * show each node only its part.
   */
  private Future<Void> oneDatabaseForTheCluster() {
    return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> {
      for (com.hazelcast.cluster.Member m : hazelcast.getCluster().getMembers()) {
        String mark = m.getAttribute(SharedDatabase.ATTRIBUTE);
        try {
          if (!m.localMember() && mark != null && !stores.shared().sharedWith(mark)) {
            throw new ConfigException(List.of("db.url: the member at " + m.getAddress() + " in cluster "
                + config.cluster().name() + " writes to another database than this node ("
                + (config.db().embedded() ? "the embedded H2 file under data.dir " + config.data().dir()
                : DurableStores.jdbcUrl(config).replaceAll(";.*", "")) + "), so each node would keep and show only"
                + " its own part of the history, promises and complaints. Give every node of a cluster the same"
                + " PostgreSQL database (db.url, ATTUNE_DB_URL); embedded H2 is for a single node"));
          }
        } catch (java.sql.SQLException e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      }
      return (Void) null;
    }));
  }

  /** A lite member can do nothing until a member holding data (a node with assist) is in the cluster. */
  private static Future<HazelcastInstance> dataMemberIn(HazelcastInstance hz) {
    CompletableFuture<HazelcastInstance> joined = new CompletableFuture<>();
    hz.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
      @Override
      public void memberAdded(com.hazelcast.cluster.MembershipEvent event) {
        if (!event.getMember().isLiteMember()) {
          joined.complete(hz);
        }
      }

      @Override
      public void memberRemoved(com.hazelcast.cluster.MembershipEvent event) { }
    });
    if (hz.getCluster().getMembers().stream().anyMatch(m -> !m.isLiteMember())) {
      joined.complete(hz);
    } else {
      log.info("node.roles has no assist, so this node holds no data: waiting for a node with assist to join {}",
          hz.getConfig().getClusterName());
    }
    return Future.fromCompletionStage(joined);
  }

  private Future<Vertx> startVertx() {
    VertxOptions options = new VertxOptions()
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true))
        .setEventBusOptions(new EventBusOptions().setHost(config.cluster().host()).setPort(0));
    return Vertx.builder()
        .with(options)
        .withClusterManager(new HazelcastClusterManager(hazelcast))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .buildClustered()
        .onSuccess(v -> {
          vertx = v;
          log.info("clustered Vert.x up, event bus on {} (shares the Hazelcast member)", config.cluster().host());
        });
  }

  /**
   * With no {@code ami.host}, starts the built-in PBX on a loopback port with a fresh random secret and returns the
   * configuration the bridge should use to reach it over real TCP; otherwise the configuration as given.
   */
  private Future<AttuneConfig> startSimulatorIfNeeded() {
    AttuneConfig.Ami ami = config.ami();
    if (!ami.simulated()) {
      return Future.succeededFuture(config);
    }
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    String secret = HexFormat.of().formatHex(bytes);
    AttuneConfig.Simulator s = config.simulator();
    // as the recipe's Queue(...,tc) then AGI(agi://.../survey): callers whose agent hung up rate the call here
    String agiHost = config.fastagi().host();
    SimulatorOptions.Survey survey = new SimulatorOptions.Survey(true,
        agiHost.equals("0.0.0.0") || agiHost.equals("::") ? "127.0.0.1" : agiHost, routing.port());
    SimulatorOptions options = new SimulatorOptions("127.0.0.1", 0, ami.username(), secret, null, false,
        s.rate(), s.seed(), s.queues(), s.agents(), s.audio(), survey, s.wrapUpSeconds());
    return PbxSimulator.start(vertx, options).map(sim -> {
      simulator = sim;
      log.info("PBX simulator up on 127.0.0.1:{} ({} calls/min, queues {}, {} agents, surveys to {})", sim.port(),
          s.rate(), s.queues(), s.agents(), survey.request());
      AttuneConfig.Ami simulated = new AttuneConfig.Ami("127.0.0.1", sim.port(), ami.username(), secret,
          ami.systemName(), ami.readTimeoutMs(), ami.pingIntervalMs());
      return config.withAmi(simulated);
    });
  }

  /**
   * Before the bridge starts taps. With {@code audiosocket.port} 0 the OS picks the port; the bridge on this node then
   * sends the PBX to the port actually bound (the demo and the tests; a real PBX is given a fixed port).
   */
  private Future<AttuneConfig> startSpeechAnalytics(AttuneConfig bridgeConfig) {
    SpeechAnalytics analytics = speechAnalytics();
    return deploy("speech analytics", analytics).map(v -> {
      AttuneConfig.AudioSocket a = bridgeConfig.audiosocket();
      if (a.port() != 0) {
        return bridgeConfig;
      }
      return bridgeConfig.withAudioSocket(new AttuneConfig.AudioSocket(a.host(), analytics.port(), a.advertisedHost(),
          a.taps(), a.allowFrom()));
    });
  }

  /** The AudioSocket server and tone/pace analysis; party audio also goes to the speech recognizer if one is set. */
  private SpeechAnalytics speechAnalytics() {
    TranscriptIntake heard = new TranscriptIntake(vertx, hazelcast, registry, Clock.systemUTC());
    return new SpeechAnalytics(config.audiosocket(), new HazelcastTapDirectory(hazelcast), registry,
        System::currentTimeMillis).withRecognizer(new SpeechRecognizer(vertx, config.assist().asrUrl(),
        SpeechRecognizer.Protocol.valueOf(config.assist().asrProtocol().toUpperCase(java.util.Locale.ROOT)), heard));
  }

  private Future<Void> deploy(String name, io.vertx.core.Deployable verticle) {
    return vertx.deployVerticle(verticle).map(id -> {
      deployments.add(id);
      log.info("{} deployed", name);
      return null;
    });
  }

  private String displayHost() {
    String host = config.http().host();
    return host.equals("0.0.0.0") || host.isEmpty() ? "localhost" : host;
  }
}
