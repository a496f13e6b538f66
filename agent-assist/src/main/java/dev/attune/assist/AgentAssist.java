package dev.attune.assist;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.assist.alerts.AlertBook;
import dev.attune.assist.alerts.AlertRoutes;
import dev.attune.assist.coaching.AnalyzeRoutes;
import dev.attune.assist.coaching.CallCoaching;
import dev.attune.assist.complaints.ComplaintDesk;
import dev.attune.assist.complaints.ComplaintRoutes;
import dev.attune.assist.customers.ProfileRoutes;
import dev.attune.assist.feedback.CardFeedbackRoutes;
import dev.attune.assist.floor.AgentStatusRoutes;
import dev.attune.assist.floor.QueueRoutes;
import dev.attune.assist.floor.QueueTargets;
import dev.attune.assist.floor.QueueWatch;
import dev.attune.assist.floor.SupervisionRoutes;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.ProfileChange;
import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.complaints.Complaint;
import dev.attune.core.store.MapNames;
import dev.attune.core.supervision.SupervisionUse;
import dev.attune.core.guidance.ShownCard;
import dev.attune.core.store.JsonRows;
import dev.attune.assist.coaching.PromiseTaking;
import dev.attune.assist.commitments.CommitmentCapability;
import dev.attune.assist.guidance.GuidanceConfigException;
import dev.attune.assist.guidance.LiveRecall;
import dev.attune.assist.guidance.LiveRulePacks;
import dev.attune.assist.guidance.RecallWorkers;
import dev.attune.assist.guidance.SemanticRecall;
import dev.attune.assist.guidance.SentenceModel;
import dev.attune.assist.guidance.UtteranceRules;
import dev.attune.assist.transcripts.TranscriptIntake;
import dev.attune.assist.transcripts.TranscriptRoutes;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.core.alerts.KeptAlert;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Alert;
import dev.attune.core.bus.Bus;
import dev.attune.core.health.HealthSection;
import dev.attune.core.health.NodeHealth;
import dev.attune.assist.web.KeptRecords;
import dev.attune.assist.web.OpenPromises;
import dev.attune.assist.web.UserDirectory;
import dev.attune.assist.web.RequestRate;
import dev.attune.assist.web.WebEdge;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.config.ConfigException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Media, language and guidance of one node, and the screens: HTTP API, WebSocket push, the pages, {@code /health}
 * and {@code /metrics} ({@link WebEdge}). Transcript intake, analyze and the commitments' {@code /api} routes are
 * mounted behind the bearer-token check. Transcripts
 * feed the per-call coach ({@link CallCoaching}), whose cards the web edge pushes to the agent on the call.
 */
public final class AgentAssist extends VerticleBase {
  /** How often the guidance packs are checked for edits (by whoever reads them; no watcher thread). */
  private static final long GUIDANCE_CHECK_MILLIS = 2000;

  private final AttuneConfig config;
  private final HazelcastInstance hazelcast;
  private final PrometheusMeterRegistry registry;
  private final List<ApiRoutes> extraRoutes = new ArrayList<>();
  private NodeHealth health;
  private UserDirectory users;
  private OpenPromises promises = OpenPromises.NONE;
  private CommitmentCapability commitments;
  private dev.attune.core.store.CallHistoryStore history;
  private JsonRows<ShownCard> cards;
  private JsonRows<ProfileChange> profileChanges;
  private JsonRows<CustomerProfile> profileRows;
  private JsonRows<Complaint> complaintRows;
  private JsonRows<KeptAlert> alertRows;
  private JsonRows<SupervisionUse> supervisionRows;
  private Clock clock = Clock.systemUTC();
  private TranscriptIntake transcripts;
  private WebEdge web;
  private RecallWorkers recallWorkers;

  public AgentAssist(AttuneConfig config, HazelcastInstance hazelcast, PrometheusMeterRegistry registry) {
    this.config = Objects.requireNonNull(config, "config");
    this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.health = new NodeHealth(hazelcast);
  }

  /** The accounts that may sign in; without this, the node reads them per {@link UserDirectory#forNode}. */
  public AgentAssist withUsers(UserDirectory users) {
    this.users = users;
    return this;
  }

  /** More {@code /api} routes (e.g. from the app), mounted after the built-in ones. Call before deploying. */
  public AgentAssist withRoutes(ApiRoutes routes) {
    extraRoutes.add(routes);
    return this;
  }

  /** What {@code /health} reports: the node's sections (bridge, database...); the web edge adds its own. */
  public AgentAssist withHealth(NodeHealth health) {
    this.health = Objects.requireNonNull(health, "health");
    return this;
  }

  /** A named section of {@code /health} (e.g. {@code db}); replaces one of the same name. */
  public AgentAssist withHealth(String name, HealthSection section) {
    health.with(name, section);
    return this;
  }

  /** Ended calls from the database (newest first, per customer); without it history is read from the cluster map. */
  public AgentAssist withHistory(dev.attune.core.store.CallHistoryStore history) {
    this.history = history;
    return this;
  }

  /** Kept guidance cards from the database (a call's, a period's); without it they are read from the cluster map. */
  public AgentAssist withCards(JsonRows<ShownCard> cards) {
    this.cards = cards;
    return this;
  }

  /** Every customer profile from the database; without it the cluster map holds them all. */
  public AgentAssist withProfiles(JsonRows<CustomerProfile> profiles) {
    this.profileRows = profiles;
    return this;
  }

  /** Who changed which profile, from the database; without it read from the cluster map. */
  public AgentAssist withProfileChanges(JsonRows<ProfileChange> changes) {
    this.profileChanges = changes;
    return this;
  }

  /** Complaint records from the database (by period, by customer); without it they are listed from the cluster map. */
  public AgentAssist withComplaints(JsonRows<Complaint> complaints) {
    this.complaintRows = complaints;
    return this;
  }

  /** Kept alerts from the database (by period); without it they are listed from the cluster map. */
  public AgentAssist withAlerts(JsonRows<KeptAlert> alerts) {
    this.alertRows = alerts;
    return this;
  }

  /** Supervisors' listen / whisper / barge uses from the database; without it listed from the cluster map. */
  public AgentAssist withSupervision(JsonRows<SupervisionUse> uses) {
    this.supervisionRows = uses;
    return this;
  }

  /** Where the customer panel gets open promises from (the commitments capability). */
  public AgentAssist withOpenPromises(OpenPromises promises) {
    this.promises = promises;
    return this;
  }

  /**
   * The commitments capability: its routes, open promises in the customer panel, promises taken from what agents
   * say on calls, and the promises part of {@code /api/assist/analyze}.
   */
  public AgentAssist withCommitments(CommitmentCapability commitments) {
    this.commitments = commitments;
    this.promises = commitments.tracker();
    return withRoutes(commitments.routes());
  }

  /** The clock for guidance and promises (tests); the system clock otherwise. */
  public AgentAssist withClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Where in-process sources (the demo conversations) hand in transcript segments; null before start. */
  public TranscriptIntake transcripts() {
    return transcripts;
  }

  /** The bound HTTP port (useful with port 0); -1 before start. */
  public int httpPort() {
    return web == null ? -1 : web.port();
  }

  @Override
  public Future<?> start() {
    Future<Void> typed = Bus.requireStarted(vertx, "agent assist");
    if (typed.failed()) {
      return typed;
    }
    if (users == null) {
      users = UserDirectory.forNode(config.auth(), Path.of("config"));
    }
    LiveRulePacks packs; // an edited pack takes effect within seconds; calls in progress keep the one they started with
    try {
      packs = new LiveRulePacks(config.assist().guidanceDir(), GUIDANCE_CHECK_MILLIS);
    } catch (GuidanceConfigException e) {
      return Future.failedFuture(new ConfigException(e.problems().stream()
          .map(problem -> "assist.guidanceDir: " + problem).toList()));
    }
    LiveRecall recall = null;
    if (config.assist().semanticRecall()) {
      recallWorkers = new RecallWorkers(config.assist().recallThreads(), config.assist().recallQueue(), registry);
      SemanticRecall model = new SemanticRecall(packs, SentenceModel::bgeSmallShared);
      recall = new LiveRecall(model, recallWorkers);
      recallWorkers.warmUp(model::warmUp);
    }
    transcripts = new TranscriptIntake(vertx, hazelcast, registry, clock);
    TranscriptRoutes transcriptRoutes = new TranscriptRoutes(transcripts,
        new RequestRate("transcript", config.assist().transcriptsPerSecond(), clock));
    List<ApiRoutes> routes = new ArrayList<>(List.of(transcriptRoutes, new AnalyzeRoutes(vertx,
        new RequestRate("analysis", config.assist().analyzePerSecond(), clock), new UtteranceRules(packs),
        recall, commitments == null ? null : commitments.detector(), config.commitments().timezone(), clock)));
    routes.add(new CardFeedbackRoutes(hazelcast.getMap(MapNames.GUIDANCE_CARDS), cards, registry, clock));
    QueueTargets targets = QueueTargets.of(config.targets());
    routes.add(new QueueRoutes(hazelcast, history, new KeptRecords<Complaint>(complaintRows,
        hazelcast.getMap(MapNames.COMPLAINTS), Complaint::draftedAt)::since,
        new KeptRecords<ShownCard>(cards, hazelcast.getMap(MapNames.GUIDANCE_CARDS), ShownCard::at)::since, targets,
        config.metrics().serviceLevelSeconds(), config.commitments().timezone(), clock));
    CustomerKeys keys = config.customers().keys();
    routes.add(new ProfileRoutes(hazelcast.getMap(MapNames.CUSTOMERS), profileRows,
        hazelcast.getMap(MapNames.PROFILE_CHANGES), profileChanges, keys, clock));
    ComplaintDesk complaints = new ComplaintDesk(hazelcast.getMap(MapNames.COMPLAINTS),
        hazelcast.getMap(MapNames.CUSTOMERS), commitments == null ? null : commitments.service(),
        Duration.ofHours(config.complaints().majorReplyHours()), keys, clock,
        (address, message) -> Bus.publish(vertx, address, message), registry);
    routes.add(new ComplaintRoutes(complaints, hazelcast.getMap(MapNames.COMPLAINTS), complaintRows,
        hazelcast.getMap(MapNames.LIVE_CALLS), hazelcast.getMap(MapNames.CALL_HISTORY), keys, clock));
    AlertBook alerts = new AlertBook(hazelcast.getMap(MapNames.ALERTS), alertRows, clock);
    // wherever it was raised: kept for the wallboards, off the event loop (the map write may reach the database)
    Bus.listen(vertx, Addresses.ALERTS, Alert.class, alert -> vertx.executeBlocking(() -> {
      alerts.keep(alert);
      return null;
    }, false));
    routes.add(new AlertRoutes(alerts, clock));
    routes.add(new AgentStatusRoutes(hazelcast.getMap(MapNames.AGENT_STATUS), config.agents().pauseReasons()));
    routes.add(new SupervisionRoutes(hazelcast.getMap(MapNames.LIVE_CALLS), hazelcast.getMap(MapNames.SUPERVISION),
        supervisionRows, clock));
    routes.addAll(extraRoutes);
    web = new WebEdge(vertx, config, hazelcast, registry, users,
        new WebEdge.Extensions(routes, health, promises, history));
    transcriptRoutes.listenOn(web.feed());
    PromiseTaking promiseTaking = commitments == null ? null : new PromiseTaking(commitments.detector(),
        commitments.service(), config.commitments().timezone(), clock);
    CallCoaching coaching = new CallCoaching(hazelcast, packs, Duration.ofSeconds(config.assist().cooldownSeconds()),
        Duration.ofSeconds(config.alerts().angryCustomerSeconds()), clock, promiseTaking, complaints, keys,
        config.assist().defaultLanguage(), registry, recall);
    // A worker: the rules take milliseconds per segment, which must not hold up an event loop serving sockets.
    QueueWatch watch = new QueueWatch(hazelcast, history, targets, config.metrics().serviceLevelSeconds(), clock);
    return vertx.deployVerticle(coaching, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
        .compose(id -> vertx.deployVerticle(watch))
        .compose(id -> web.start());
  }

  @Override
  public Future<?> stop() {
    if (recallWorkers != null) {
      recallWorkers.close();
    }
    return web == null ? Future.succeededFuture() : web.stop();
  }
}
