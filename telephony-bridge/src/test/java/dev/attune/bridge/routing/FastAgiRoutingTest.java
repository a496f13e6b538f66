package dev.attune.bridge.routing;

import dev.attune.core.commitments.CustomerKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.net.SourceGate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import dev.attune.core.store.MapNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastAgiRoutingTest {
  private static final Path PROJECT = Path.of(System.getProperty("attune.project.dir", ".."));
  private static final Path SESSIONS = PROJECT.resolve("testdata/ami-traces/fastagi");
  private static final Path FIXTURES = PROJECT.resolve("telephony-bridge/src/test/resources/routing");
  /** Monday 10:00 UTC: inside the fixture's business hours; 22:00 is outside. */
  private static final Clock DAYTIME = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
  private static final Clock NIGHT = Clock.fixed(Instant.parse("2026-11-23T22:00:00Z"), ZoneOffset.UTC);

  private static HazelcastInstance hazelcast;
  private FastAgiRouting routing;

  @BeforeAll
  static void customersInAHazelcastMember() throws IOException {
    int port; // a port the OS just had free: a fixed one collides with a second run on the same machine
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    AttuneConfig.Cluster cluster = new AttuneConfig.Cluster("routing-" + UUID.randomUUID(), "127.0.0.1", port,
        List.of("127.0.0.1:" + port));
    hazelcast = HazelcastNode.start(HazelcastNode.config(cluster, c -> {}));
    IMap<String, CustomerProfile> customers = hazelcast.getMap(MapNames.CUSTOMERS);
    for (JsonNode c : new ObjectMapper().readTree(FIXTURES.resolve("customers.json").toFile())) {
      customers.put(c.get("number").asText(), new CustomerProfile(c.get("number").asText(), c.get("name").asText(),
          3, 3, 0, c.get("complaints").asInt(), Instant.parse("2026-11-20T09:00:00Z"), null,
          c.hasNonNull("lastAgent") ? c.get("lastAgent").asText() : null, c.get("language").asText(),
          c.get("vip").asBoolean()));
    }
  }

  @AfterAll
  static void shutdown() {
    Hazelcast.shutdownAll();
  }

  @AfterEach
  void stopServer() {
    if (routing != null) {
      routing.stop();
    }
  }

  /** Bob (+15551230002) has an open promise from agent2; nobody else has. */
  private static final OpenPromiseAgents BOB_WAS_PROMISED =
      number -> number.equals("+15551230002") ? Optional.of("agent2") : Optional.empty();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private FastAgiRouting start(Path rules, Clock clock) throws IOException {
    return start(rules, clock, new SourceGate("fastagi.allowFrom", List.of("127.0.0.0/8"), registry));
  }

  private FastAgiRouting start(Path rules, Clock clock, SourceGate gate) throws IOException {
    routing = new FastAgiRouting("127.0.0.1", 0, gate, registry, rules, hazelcast, BOB_WAS_PROMISED, null,
        CustomerKeys.DIGITS_ONLY, clock);
    routing.start();
    return routing;
  }

  /** Sends {@code bytes}, then reads what the server answers until it closes the connection. */
  private String exchange(byte[] bytes) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", routing.port())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aHostNotInAllowFromIsClosedUnansweredAndCountedAndTheRoutingVariablesStayPrivate() throws Exception {
    start(FIXTURES.resolve("rules.yaml"), DAYTIME, new SourceGate("fastagi.allowFrom", List.of("10.9.9.0/24"), registry));
    byte[] request = Files.readAllBytes(SESSIONS.resolve("001-1795407672.0.in.bin"));
    assertThat(exchange(request)).as("nothing, not even a VERBOSE").isEmpty();
    assertThat(exchange(request)).isEmpty();
    assertThat(registry.get(MetricNames.CONNECTIONS_REFUSED).tag("port", "fastagi").counter().count()).isEqualTo(2);
  }

  @Test
  void somethingThatIsNotAFastAgiRequestIsClosedWithOneWarningAndNoStackTrace() throws Exception {
    start(FIXTURES.resolve("rules.yaml"), DAYTIME);
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    root.addAppender(logged);
    try {
      for (String garbage : new String[] {"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "\u0000\u0001\u00ff\n\n",
          "agi_network: yes\nhello there\n\n", "\n"}) {
        assertThat(exchange(garbage.getBytes(StandardCharsets.ISO_8859_1))).as(garbage).isEmpty();
      }
      Map<String, String> vars = replay("001-1795407672.0.in.bin");
      assertThat(vars).as("a real request afterwards").containsEntry("ROUTE_QUEUE", "priority");
    } finally {
      root.detachAppender(logged);
    }
    assertThat(registry.get(MetricNames.AGI_REFUSED).tag("reason", "not-agi").counter().count()).isEqualTo(3);
    assertThat(registry.get(MetricNames.AGI_REFUSED).tag("reason", "empty").counter().count()).isEqualTo(1);
    assertThat(registry.find(MetricNames.AGI_REFUSED).counters()).as("the real request is not refused").hasSize(2);
    assertThat(logged.list).noneMatch(e -> e.getThrowableProxy() != null);
    assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
        .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
        .hasSizeLessThanOrEqualTo(1)
        .allSatisfy(m -> assertThat(m).contains("127.0.0.1"));
  }

  /**
   * Fuzz: mutated request heads of the recorded sessions (each ended by a blank line, as a cut-off head would make
   * the server wait out its read timeout). Every connection ends; a head with a line that is not {@code agi_...} is
   * refused and counted once, and a refused one got no command; after them all a real request is routed as before.
   */
  @Test
  void mutatedRequestHeadsAreRefusedAndCountedOrAnsweredAndTheServerGoesOn() throws Exception {
    start(FIXTURES.resolve("rules.yaml"), DAYTIME);
    List<byte[]> heads = new java.util.ArrayList<>();
    try (var files = Files.list(SESSIONS)) {
      for (Path session : files.filter(f -> f.toString().endsWith(".in.bin")).sorted().toList()) {
        heads.add(AsteriskAgiReplay.headerBlock(Files.readAllBytes(session)));
      }
    }
    dev.attune.core.testing.Fuzz fuzz = dev.attune.core.testing.Fuzz.forSurface("fastagi");
    int refusedCases = 0;
    for (int n = 0; n < dev.attune.core.testing.Fuzz.cases(); n++) {
      byte[] mutated = fuzz.mutate(fuzz.pick(heads));
      byte[] head = java.util.Arrays.copyOf(mutated, mutated.length + 2);
      head[head.length - 2] = '\n';
      head[head.length - 1] = '\n';
      double before = refused();
      AsteriskAgiReplay replay = AsteriskAgiReplay.send(head, routing.port());
      double counted = refused() - before;
      assertThat(counted).as(fuzz.describe(n)).isIn(0.0, 1.0);
      if (counted == 1) {
        refusedCases++;
        assertThat(replay.commands).as(fuzz.describe(n) + ": a refused request gets no command").isEmpty();
      }
      String firstBlock = new String(head, StandardCharsets.UTF_8).split("\n\n", 2)[0];
      if (java.util.Arrays.stream(firstBlock.split("\n")).anyMatch(l -> !l.startsWith("agi_"))) {
        assertThat(counted).as(fuzz.describe(n) + ": a head with a line that is not agi_*: " + firstBlock)
            .isEqualTo(1.0);
      }
    }
    assertThat(refusedCases).as("mutations refused").isPositive().isLessThan(dev.attune.core.testing.Fuzz.cases());
    assertThat(replay("001-1795407672.0.in.bin")).as("a real request afterwards")
        .containsEntry("ROUTE_QUEUE", "priority");
  }

  private double refused() {
    return registry.find(MetricNames.AGI_REFUSED).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private Map<String, String> replay(String session) throws IOException {
    return AsteriskAgiReplay.run(SESSIONS.resolve(session), routing.port()).variables;
  }

  @Test
  void vipCallerGoesToThePriorityQueueWithPriority() throws IOException {
    start(FIXTURES.resolve("rules.yaml"), DAYTIME);
    Map<String, String> vars = replay("001-1795407672.0.in.bin"); // Alice Smith, +15551230001
    assertThat(vars).containsEntry("ROUTE_QUEUE", "priority").containsEntry("QUEUE_PRIO", "10")
        .containsEntry("ROUTE_REASON", "vip").containsEntry("ROUTE_VIP", "1").containsEntry("ROUTE_AGENT", "");
  }

  @Test
  void openPromiseGoesToTheAgentWhoMadeItThenFallsBack() throws IOException {
    start(FIXTURES.resolve("rules.yaml"), DAYTIME);
    Map<String, String> vars = replay("002-1795407687.0.in.bin"); // Bob Jones, +15551230002
    assertThat(vars).containsEntry("ROUTE_QUEUE", "agent-agent2").containsEntry("ROUTE_AGENT", "agent2")
        .containsEntry("ROUTE_REASON", "open-promise").containsEntry("ROUTE_AGENT_TIMEOUT", "25")
        .containsEntry("ROUTE_FALLBACK_QUEUE", "support").containsEntry("QUEUE_PRIO", "5");
  }

  @Test
  void customerWithComplaintsGoesToSeniorQueue() throws IOException {
    start(FIXTURES.resolve("rules.yaml"), DAYTIME);
    Map<String, String> vars = replay("003-1795407700.0.in.bin"); // Carol White, 2 complaints
    assertThat(vars).containsEntry("ROUTE_QUEUE", "senior").containsEntry("ROUTE_REASON", "complaint")
        .containsEntry("QUEUE_PRIO", "0");
  }

  @Test
  void chineseSpeakingCustomerGoesToTheLanguageQueue() throws IOException {
    start(FIXTURES.resolve("rules.yaml"), DAYTIME);
    Map<String, String> vars = replay("004-1795407720.0.in.bin"); // Dave Brown, language zh
    assertThat(vars).containsEntry("ROUTE_QUEUE", "support-zh").containsEntry("ROUTE_REASON", "language")
        .containsEntry("ROUTE_LANGUAGE", "zh");
  }

  @Test
  void unknownCallerGetsTheDefaultQueue() throws IOException {
    start(FIXTURES.resolve("rules.yaml"), DAYTIME);
    Map<String, String> vars = replay("005-1795407735.0.in.bin"); // Erin Green: no profile
    assertThat(vars).containsEntry("ROUTE_QUEUE", "support").containsEntry("ROUTE_REASON", "default")
        .containsEntry("ROUTE_VIP", "0");
  }

  @Test
  void afterHoursEvenAVipGoesToTheAfterHoursQueueKeepingPriority() throws IOException {
    start(FIXTURES.resolve("rules.yaml"), NIGHT);
    Map<String, String> vip = replay("001-1795407672.0.in.bin");
    Map<String, String> promised = replay("002-1795407687.0.in.bin");
    assertThat(vip).containsEntry("ROUTE_QUEUE", "after-hours").containsEntry("ROUTE_REASON", "after-hours")
        .containsEntry("QUEUE_PRIO", "10");
    assertThat(promised).containsEntry("ROUTE_QUEUE", "after-hours").containsEntry("ROUTE_AGENT", "");
  }

  @Test
  void everyRecordedSessionIsRoutedAndClosedByTheServer() throws Exception {
    start(FIXTURES.resolve("rules.yaml"), DAYTIME);
    try (var files = Files.list(SESSIONS)) {
      List<Path> sessions = files.filter(f -> f.toString().endsWith(".in.bin")).sorted().toList();
      assertThat(sessions).hasSizeGreaterThanOrEqualTo(8);
      for (Path session : sessions) {
        AsteriskAgiReplay replay = AsteriskAgiReplay.run(session, routing.port());
        assertThat(replay.variables).as(session.getFileName().toString())
            .containsKeys("ROUTE_QUEUE", "QUEUE_PRIO", "ROUTE_REASON");
        assertThat(replay.variables.get("ROUTE_QUEUE")).isNotBlank();
      }
    }
  }

  @Test
  void shippedRoutingRulesLoad() {
    RoutingRules rules = RoutingRulesParser.parse(PROJECT.resolve("config/routing.yaml"));
    assertThat(rules.defaultQueue()).isNotBlank();
    assertThat(rules.vip().priority()).isPositive();
  }

  @Test
  void brokenValuesAreReportedWithFileLineAndWhatIsValid() {
    Path file = FIXTURES.resolve("broken-values.yaml");
    assertThatThrownBy(() -> RoutingRulesParser.parse(file))
        .isInstanceOfSatisfying(RoutingRulesException.class, e -> assertThat(e.problems()).containsExactly(
            file + ":2: timezone: \"Mars/Olympus\" is not a time zone; valid: a region id like Europe/Berlin",
            file + ":4: businessHours.open: \"8 o'clock\" is not a time; valid: a time HH:mm, e.g. \"08:30\"",
            file + ":6: businessHours.days: \"FUNDAY\" is not a day; valid: "
                + "[MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY]",
            file + ":11: vip.priority: \"high\" is not a whole number; valid: 0..1000",
            file + ":13: complaint.queue: \"senior queue\" is not a queue name; "
                + "valid: letters, digits, _ . - (and {agent} in openPromise)",
            file + ":14: complaint.minComplants: unknown key; valid: one of minComplaints, queue"));
  }

  /** In a UTC lab every call before 08:00 went to after-hours: hours without a zone are refused, not guessed. */
  @Test
  void businessHoursWithoutATimeZoneAreRefused() {
    Path file = FIXTURES.resolve("hours-without-zone.yaml");
    assertThatThrownBy(() -> RoutingRulesParser.parse(file))
        .isInstanceOfSatisfying(RoutingRulesException.class, e -> assertThat(e.problems()).singleElement()
            .asString().startsWith(file + ":3: timezone: required with businessHours; valid: the zone the hours are in"));
  }

  @Test
  void brokenYamlSyntaxNamesTheLine() {
    Path file = FIXTURES.resolve("broken-syntax.yaml");
    assertThatThrownBy(() -> RoutingRulesParser.parse(file))
        .isInstanceOfSatisfying(RoutingRulesException.class, e -> assertThat(e.problems()).singleElement()
            .asString().startsWith(file + ":4: not valid YAML"));
  }

  @Test
  void anEditedRulesFileChangesTheNextDecisionAndABrokenEditKeepsTheLastGoodRules(@TempDir Path dir)
      throws Exception {
    Path rules = Files.copy(FIXTURES.resolve("rules.yaml"), dir.resolve("routing.yaml"));
    start(rules, DAYTIME);
    assertThat(replay("004-1795407720.0.in.bin")).containsEntry("ROUTE_QUEUE", "support-zh");

    rewrite(rules, Files.readString(rules).replace("zh: support-zh", "zh: mandarin"), 5);
    assertThat(awaitQueue("004-1795407720.0.in.bin", "mandarin")).isEqualTo("mandarin");

    rewrite(rules, Files.readString(rules).replace("priority: 10", "priority: urgent"), 10);
    assertThat(routing.rules().reloadIfChanged()).isFalse();
    assertThat(replay("004-1795407720.0.in.bin")).containsEntry("ROUTE_QUEUE", "mandarin");
    assertThat(replay("001-1795407672.0.in.bin")).containsEntry("QUEUE_PRIO", "10");
  }

  /** Writes and moves the modification time forward, so the change is seen even on coarse-mtime filesystems. */
  private static void rewrite(Path file, String text, int secondsLater) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
  }

  /** Replays until the decision shows the expected queue or 10 s pass (the server checks the file each second). */
  private String awaitQueue(String session, String expected) throws IOException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    String queue;
    do {
      queue = replay(session).get("ROUTE_QUEUE");
    } while (!expected.equals(queue) && System.nanoTime() < deadline);
    return queue;
  }
}
