package dev.attune.core.config;

import dev.attune.core.commitments.CustomerKeys;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole node configuration, built and validated once at start-up from {@code config/attune.yaml}
 * and {@code ATTUNE_<SECTION>_<KEY>} environment overrides. Nothing reads raw maps or the environment after this.
 */
public record AttuneConfig(
    Node node,
    Ami ami,
    Http http,
    Cluster cluster,
    Data data,
    Db db,
    Auth auth,
    AudioSocket audiosocket,
    FastAgi fastagi,
    Simulator simulator,
    Metrics metrics,
    Assist assist,
    Commitments commitments,
    Callback callback,
    Logging logging,
    Survey survey,
    Complaints complaints,
    Customers customers,
    Targets targets,
    Agents agents,
    Alerts alerts) {

  /** The same configuration talking to {@code other} PBX (the built-in simulator once it listens). */
  public AttuneConfig withAmi(Ami other) {
    return new AttuneConfig(node, other, http, cluster, data, db, auth, audiosocket, fastagi, simulator, metrics, assist,
        commitments, callback, logging, survey, complaints, customers, targets, agents, alerts);
  }

  /** The same configuration with {@code other} AudioSocket settings (the port actually bound when it was 0). */
  public AttuneConfig withAudioSocket(AudioSocket other) {
    return new AttuneConfig(node, ami, http, cluster, data, db, auth, other, fastagi, simulator, metrics, assist,
        commitments, callback, logging, survey, complaints, customers, targets, agents, alerts);
  }

  /** What this node runs: the telephony bridge (AMI, FastAGI, the built-in PBX), agent assist (the web edge,
   * audio, coaching, promises), or both. A big center runs the web edge on more nodes than the AMI candidates. */
  public record Node(Set<Role> roles) {
    public enum Role { BRIDGE, ASSIST }

    public boolean runs(Role role) {
      return roles.contains(role);
    }
  }

  /** AMI link. An empty {@code host} means: start the built-in PBX simulator on loopback and use it. */
  public record Ami(String host, int port, String username, String secret, String systemName,
                    int readTimeoutMs, int pingIntervalMs) {
    public boolean simulated() {
      return host.isEmpty();
    }

    @Override
    public String toString() { // never print the secret
      return "Ami[host=" + host + ", port=" + port + ", username=" + username + ", systemName=" + systemName + "]";
    }
  }

  public record Http(String host, int port) {}

  /**
   * Hazelcast: TCP-IP join to the listed members, multicast off. {@code failureDetectionSeconds}: a member that sends
   * no heartbeat (one a second) for this long is taken for dead, its calls, promises and AMI link taken over.
   * {@code minimumMembers}: split-brain protection (0: off): fewer members in sight and a member runs no
   * cluster-once job ({@code ClusterQuorum}).
   */
  public record Cluster(String name, String host, int port, List<String> members, int failureDetectionSeconds,
                        int minimumMembers) {

    /**
     * The shortest failure detection with {@code minimumMembers} set: a member cut off fences itself after half of
     * it (3 s), a margin of seconds before the others may declare it dead and take its work over.
     */
    public static final int MIN_FENCED_FAILURE_DETECTION_SECONDS = 6;

    /** Hazelcast's failure detection at this product's default, no split-brain protection. */
    public Cluster(String name, String host, int port, List<String> members) {
      this(name, host, port, members, DEFAULT_FAILURE_DETECTION_SECONDS);
    }

    /** No split-brain protection. */
    public Cluster(String name, String host, int port, List<String> members, int failureDetectionSeconds) {
      this(name, host, port, members, failureDetectionSeconds, 0);
    }
  }

  /** A lost host is taken for dead after this long without a heartbeat (Hazelcast's own default is 60 s). */
  public static final int DEFAULT_FAILURE_DETECTION_SECONDS = 10;

  public record Data(Path dir) {}

  /** An empty url means the embedded H2 file under {@code data.dir}. */
  public record Db(String url, String username, String password, int poolSize) {
    public boolean embedded() {
      return url.isEmpty();
    }

    @Override
    public String toString() {
      return "Db[url=" + url + ", username=" + username + ", poolSize=" + poolSize + "]";
    }
  }

  /** {@code jwtSecret} signs tokens; {@code usersFile} lists accounts; demo users only exist with the simulator. */
  public record Auth(String jwtSecret, String usersFile, int tokenMinutes, boolean demoUsers) {
    @Override
    public String toString() {
      return "Auth[usersFile=" + usersFile + ", tokenMinutes=" + tokenMinutes + ", demoUsers=" + demoUsers + "]";
    }
  }

  /** {@code advertisedHost} is the address the PBX dials back to reach our AudioSocket server. */
  /** {@code allowFrom}: the addresses or CIDR blocks of the PBXs; no one else may stream audio in. */
  public record AudioSocket(String host, int port, String advertisedHost, boolean taps, List<String> allowFrom) {}

  /** {@code allowFrom}: the addresses or CIDR blocks of the PBXs; routing answers name VIPs and agents. */
  public record FastAgi(String host, int port, String rulesFile, List<String> allowFrom) {}

  /**
   * Seeded traffic for the built-in PBX: calls per minute, agents per queue; {@code wrapUpSeconds}: each agent's own
   * {@code wrapuptime} (a member setting the PBX reports, so {@code agents.wrapUpSeconds} need not repeat it).
   */
  public record Simulator(double rate, long seed, List<String> queues, int agents, boolean audio, int wrapUpSeconds) {}

  /** Service-level thresholds; they are also the queue-wait histogram buckets. */
  public record Metrics(List<Integer> serviceLevelSeconds) {}

  /**
   * Guidance packs and timing; per-user limits on the requests that cost CPU (a burst of five seconds' worth);
   * {@code semanticRecall}: the sentence models beside the phrase rules, on {@code recallThreads} workers with at
   * most {@code recallQueue} utterances waiting (more are checked by the rules alone, and counted).
   */
  public record Assist(Path guidanceDir, int cooldownSeconds, String asrUrl, String asrProtocol,
                       double analyzePerSecond, double transcriptsPerSecond, String defaultLanguage,
                       boolean semanticRecall, int recallThreads, int recallQueue) {}

  /** Business calendar for promise deadlines, and when to remind and escalate. */
  public record Commitments(ZoneId timezone, LocalTime openAt, LocalTime closeAt, Set<DayOfWeek> businessDays,
                            int defaultDueHours, int remindMinutesBefore) {}

  /** Promised callbacks placed by the PBX: {@code callerId} is the number the customer sees (empty: the trunk's). */
  public record Callback(String callerId) {}

  /**
   * The post-call keypad survey ({@code agi://host:4573/survey}): sound files (no extension; Asterisk plays them from
   * the channel's language folder, which the survey sets from the customer's profile), seconds to wait for the digit,
   * and the score at or below which supervisors are alerted.
   */
  public record Survey(String prompt, String retryPrompt, String thanksPrompt, int timeoutSeconds, int alertAtOrBelow) {}

  /**
   * Complaint records: a confirmed major complaint becomes the center's promise to reply within
   * {@code majorReplyHours} (seed 000: a direct line to management, with a committed reply time).
   */
  public record Complaints(int majorReplyHours) {}

  /**
   * {@code defaultCountry}: the two-letter country national numbers are read in for the customer key (E.164), e.g.
   * CN; empty: a national number is its own key.
   */
  public record Customers(String defaultCountry) {
    public CustomerKeys keys() {
      return new CustomerKeys(defaultCountry);
    }
  }

  /**
   * What the floor aims for, per queue: answered within {@code serviceLevelSeconds} (one of
   * {@code metrics.serviceLevelSeconds}) for at least {@code serviceLevel} of offered calls, nobody waiting longer than
   * {@code longestWaitSeconds}. The wallboard turns amber near a target and red past it; a breach alerts supervisors.
   */
  public record Targets(double serviceLevel, int serviceLevelSeconds, int longestWaitSeconds) {}

  /**
   * Alerts from live calls: {@code angryCustomerSeconds}, a customer angry this long (angry words or a raised voice,
   * never calm for the anger rule's memory in between) alerts supervisors, once per call; 0: never.
   */
  public record Alerts(int angryCustomerSeconds) {}

  /**
   * {@code pauseReasons}: the reasons agents pause with, in the order their screen lists them; each one of
   * {@link #PAUSE_REASONS}, which the screens name in both languages (the PBX and reports get the code).
   */
  public record Agents(List<String> pauseReasons, int wrapUpSeconds, Map<String, Integer> wrapUpByQueue) {

    /**
     * A queue's {@code wrapuptime} as queues.conf sets it ({@code wrapUpByQueue}, else {@code wrapUpSeconds}): the
     * PBX reports a member's own wrap-up time but never a queue's, so the wallboard is told it here.
     */
    public int wrapUpSeconds(String queue) {
      return wrapUpByQueue.getOrDefault(queue, wrapUpSeconds);
    }
  }

  /** Every pause reason the screens can name. */
  public static final List<String> PAUSE_REASONS = List.of("break", "lunch", "training", "meeting", "coaching",
      "after-call-work", "technical-problem");

  /** {@code maskNumbers}: phone numbers in the node's log keep only their last four digits. */
  public record Logging(boolean maskNumbers) {}

  /**
   * An empty listen address means: loopback only in the demo (its passwords are published), every interface with a
   * real PBX (which connects from another host, and {@code allowFrom} decides who may).
   */
  private static String listenHost(RawConfig raw, String key, Ami ami) {
    String host = raw.string(key);
    return !host.isEmpty() ? host : ami.simulated() ? "127.0.0.1" : "0.0.0.0";
  }

  /** A sound file name as Asterisk's GET DATA takes it: no spaces or quotes, no extension needed. */
  private static String soundFile(RawConfig raw, String key) {
    String name = raw.string(key);
    if (name.isEmpty() || !name.matches("[A-Za-z0-9_./-]+")) {
      raw.problem(key, "'" + name + "' is not a sound file name like attune/survey-ask (letters, digits, _ . / -)");
    }
    return name;
  }

  private static List<String> allowFrom(RawConfig raw, String key) {
    List<String> entries = raw.list(key);
    dev.attune.core.net.SourceGate.problems(entries).forEach(problem -> raw.problem(key, problem));
    return entries;
  }

  /** Loads {@code file} with overrides from {@code env}; throws {@link ConfigException} listing every problem. */
  public static AttuneConfig load(Path file, Map<String, String> env) {
    RawConfig raw = RawConfig.load(file, env);
    Node node = new Node(roles(raw, "node.roles"));
    // Relative file names in the configuration mean: beside attune.yaml, wherever the node was started from.
    Path base = file == null || file.toAbsolutePath().getParent() == null ? Path.of(".")
        : file.toAbsolutePath().getParent();
    String amiHost = raw.string("ami.host");
    Ami ami = new Ami(amiHost, raw.integer("ami.port", 0, 65535), raw.string("ami.username"),
        raw.secret("ami.secret"), raw.string("ami.systemName"),
        raw.integer("ami.readTimeoutMs", 1000, 600_000), raw.integer("ami.pingIntervalMs", 1000, 300_000));
    if (!ami.simulated() && ami.secret().isEmpty()) {
      raw.problem("ami.secret", "required when ami.host is set; give ATTUNE_AMI_SECRET or ATTUNE_AMI_SECRET_FILE");
    }
    Http http = new Http(listenHost(raw, "http.host", ami), raw.integer("http.port", 0, 65535));
    Cluster cluster = new Cluster(raw.string("cluster.name"), raw.string("cluster.host"),
        raw.integer("cluster.port", 1, 65535), raw.list("cluster.members"),
        raw.integer("cluster.failureDetectionSeconds", 3, 300), raw.integer("cluster.minimumMembers", 0, 99));
    if (cluster.name().isEmpty()) {
      raw.problem("cluster.name", "must not be empty");
    }
    if (cluster.minimumMembers() > 1
        && cluster.failureDetectionSeconds() < Cluster.MIN_FENCED_FAILURE_DETECTION_SECONDS) {
      raw.problem("cluster.failureDetectionSeconds", "must be at least "
          + Cluster.MIN_FENCED_FAILURE_DETECTION_SECONDS + " with cluster.minimumMembers set:"
          + " a member cut off stops writing after half of it, before the others may take its work over");
    }
    Data data = new Data(Path.of(raw.string("data.dir").isEmpty() ? "./data" : raw.string("data.dir")));
    Db db = new Db(raw.string("db.url"), raw.string("db.username"), raw.secret("db.password"),
        raw.integer("db.poolSize", 1, 200));
    if (!db.embedded() && !db.url().startsWith("jdbc:postgresql:") && !db.url().startsWith("jdbc:h2:")) {
      raw.problem("db.url", "'" + db.url() + "' is not supported; use jdbc:postgresql://host/db or jdbc:h2:file:...");
    }
    Auth auth = new Auth(raw.secret("auth.jwtSecret"), raw.string("auth.usersFile"),
        raw.integer("auth.tokenMinutes", 1, 7 * 24 * 60), ami.simulated());
    if (!ami.simulated() && auth.jwtSecret().length() < 32) {
      raw.problem("auth.jwtSecret", "must be at least 32 characters outside the demo; give ATTUNE_AUTH_JWT_SECRET or ATTUNE_AUTH_JWT_SECRET_FILE");
    }
    AudioSocket audio = new AudioSocket(listenHost(raw, "audiosocket.host", ami),
        raw.integer("audiosocket.port", 0, 65535), raw.string("audiosocket.advertisedHost"), raw.bool("audiosocket.taps"),
        allowFrom(raw, "audiosocket.allowFrom"));
    FastAgi agi = new FastAgi(listenHost(raw, "fastagi.host", ami), raw.integer("fastagi.port", 0, 65535),
        base.resolve(raw.string("fastagi.rulesFile")).normalize().toString(), allowFrom(raw, "fastagi.allowFrom"));
    Simulator sim = new Simulator(raw.decimal("simulator.rate", 0, 6000), raw.longValue("simulator.seed", Long.MIN_VALUE, Long.MAX_VALUE),
        raw.list("simulator.queues"), raw.integer("simulator.agents", 1, 500), raw.bool("simulator.audio"),
        raw.integer("simulator.wrapUpSeconds", 0, 3600));
    Metrics metrics = new Metrics(raw.intList("metrics.serviceLevelSeconds", 1, 3600));
    if (metrics.serviceLevelSeconds().isEmpty()) {
      raw.problem("metrics.serviceLevelSeconds", "give at least one threshold in seconds, e.g. [20]");
    }
    Assist assist = new Assist(base.resolve(raw.string("assist.guidanceDir")).normalize(), raw.integer("assist.cooldownSeconds", 0, 3600),
        raw.string("assist.asrUrl"), raw.string("assist.asrProtocol").strip().toLowerCase(java.util.Locale.ROOT),
        raw.decimal("assist.analyzePerSecond", 0.001, 10_000),
        raw.decimal("assist.transcriptsPerSecond", 0.001, 100_000), raw.string("assist.defaultLanguage").strip()
        .toLowerCase(java.util.Locale.ROOT), raw.bool("assist.semanticRecall"), raw.integer("assist.recallThreads", 1, 64),
        raw.integer("assist.recallQueue", 1, 100_000));
    if (!List.of("vosk", "funasr").contains(assist.asrProtocol())) {
      raw.problem("assist.asrProtocol", "'" + assist.asrProtocol() + "' is not one of vosk, funasr");
    }
    if (!assist.defaultLanguage().matches("[a-z]{2,3}")) {
      raw.problem("assist.defaultLanguage", "'" + assist.defaultLanguage() + "' is not a language like en or zh");
    }
    Commitments commitments = new Commitments(raw.zone("commitments.timezone"),
        time(raw, "commitments.openAt"), time(raw, "commitments.closeAt"), days(raw, "commitments.businessDays"),
        raw.integer("commitments.defaultDueHours", 1, 24 * 30), raw.integer("commitments.remindMinutesBefore", 0, 24 * 60));
    Callback callback = new Callback(raw.string("callback.callerId"));
    if (!callback.callerId().isEmpty() && !callback.callerId().matches("\\+?[0-9]{3,20}")) {
      raw.problem("callback.callerId", "'" + callback.callerId() + "' is not a phone number like +862161234567");
    }
    Logging logging = new Logging(raw.bool("logging.maskNumbers"));
    Survey survey = new Survey(soundFile(raw, "survey.prompt"), soundFile(raw, "survey.retryPrompt"),
        soundFile(raw, "survey.thanksPrompt"), raw.integer("survey.timeoutSeconds", 1, 60),
        raw.integer("survey.alertAtOrBelow", 0, 5));
    Complaints complaints = new Complaints(raw.integer("complaints.majorReplyHours", 1, 24 * 30));
    String country = raw.string("customers.defaultCountry").strip().toUpperCase(java.util.Locale.ROOT);
    if (!country.isEmpty() && !CustomerKeys.known(country)) {
      raw.problem("customers.defaultCountry", "'" + country + "' is not a two-letter country code with a numbering"
          + " plan, e.g. CN, US, GB (or leave it empty)");
      country = "";
    }
    Customers customers = new Customers(country);
    Map<String, Integer> wrapUpByQueue = new java.util.TreeMap<>();
    for (String entry : raw.list("agents.wrapUpByQueue")) {
      String[] parts = entry.split("=", 2);
      Integer seconds = parts.length == 2 && parts[1].strip().matches("\\d{1,5}")
          ? Integer.valueOf(parts[1].strip()) : null;
      if (seconds == null || parts[0].isBlank() || seconds > 3600) {
        raw.problem("agents.wrapUpByQueue", "'" + entry + "' is not queue=seconds (0..3600), e.g. support=15");
      } else {
        wrapUpByQueue.put(parts[0].strip(), seconds);
      }
    }
    Agents agents = new Agents(raw.list("agents.pauseReasons"), raw.integer("agents.wrapUpSeconds", 0, 3600),
        Map.copyOf(wrapUpByQueue));
    for (String reason : agents.pauseReasons()) {
      if (!PAUSE_REASONS.contains(reason)) {
        raw.problem("agents.pauseReasons", "'" + reason + "' is not one of " + PAUSE_REASONS);
      }
    }
    if (agents.pauseReasons().isEmpty()) {
      raw.problem("agents.pauseReasons", "give at least one reason, e.g. [break, lunch]");
    }
    Targets targets = new Targets(raw.decimal("targets.serviceLevel", 0.01, 1),
        raw.integer("targets.serviceLevelSeconds", 1, 3600), raw.integer("targets.longestWaitSeconds", 1, 24 * 3600));
    if (!metrics.serviceLevelSeconds().isEmpty()
        && !metrics.serviceLevelSeconds().contains(targets.serviceLevelSeconds())) {
      raw.problem("targets.serviceLevelSeconds", targets.serviceLevelSeconds() + " is not one of"
          + " metrics.serviceLevelSeconds " + metrics.serviceLevelSeconds() + ": the service level is measured there");
    }
    Alerts alerts = new Alerts(raw.integer("alerts.angryCustomerSeconds", 0, 3600));
    raw.failIfProblems();
    return new AttuneConfig(node, ami, http, cluster, data, db, auth, audio, agi, sim, metrics, assist, commitments,
        callback, logging, survey, complaints, customers, targets, agents, alerts);
  }

  private static Set<Node.Role> roles(RawConfig raw, String key) {
    Set<Node.Role> roles = EnumSet.noneOf(Node.Role.class);
    for (String r : raw.list(key)) {
      try {
        roles.add(Node.Role.valueOf(r.toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        raw.problem(key, "'" + r + "' is not a role; use bridge, assist or both");
      }
    }
    if (roles.isEmpty()) {
      raw.problem(key, "give at least one role: bridge, assist");
    }
    return Set.copyOf(roles);
  }

  private static LocalTime time(RawConfig raw, String key) {
    String v = raw.string(key);
    try {
      return LocalTime.parse(v);
    } catch (DateTimeParseException e) {
      raw.problem(key, "'" + v + "' is not a time of day like 09:00");
      return LocalTime.MIDNIGHT;
    }
  }

  private static Set<DayOfWeek> days(RawConfig raw, String key) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String d : raw.list(key)) {
      try {
        days.add(DayOfWeek.valueOf(d.toUpperCase()));
      } catch (IllegalArgumentException e) {
        raw.problem(key, "'" + d + "' is not a day name (MONDAY ... SUNDAY)");
      }
    }
    return days;
  }
}
