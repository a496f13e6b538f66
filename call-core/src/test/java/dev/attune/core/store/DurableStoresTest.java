package dev.attune.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.EndedBy;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.bus.GuidanceItem;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.guidance.ShownCard;
import dev.attune.core.config.AttuneConfig;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableStoresTest {
  private static final Instant T0 = Instant.parse("2026-11-23T04:00:00Z");
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void shutdown() throws Exception {
    Hazelcast.shutdownAll();
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private static AttuneConfig.Cluster cluster(int port) {
    return new AttuneConfig.Cluster("store-" + UUID.randomUUID(), "127.0.0.1", port, List.of("127.0.0.1:" + port));
  }

  /** A port the OS just had free: fixed ports collided when two runs of these tests shared the machine. */
  private static int freePort() {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private DurableStores stores(String url) {
    DurableStores s = DurableStores.start(url, "", "", 4, 200);
    toClose.add(s);
    return s;
  }

  private String h2File() {
    return "jdbc:h2:file:" + dir.resolve("attune") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
  }

  private static CallRecord record(int i) {
    Instant start = T0.plusSeconds(i * 60L);
    return new CallRecord("pbx:" + i, "+1555000" + (i % 3), "support", "SIP/agent" + (i % 4), CallOutcome.ANSWERED,
        EndedBy.CUSTOMER, start, start, start.plusSeconds(5), start.plusSeconds(40), 5, 35, 0, 0, 0, "16", false, java.util.List.of());
  }

  private static LiveCall live(int i) {
    Instant t = T0.plusSeconds(i);
    return new LiveCall("pbx:live" + i, "live" + i, "+1555999" + i, null, Direction.INBOUND, "support", null,
        CallState.QUEUED, t, t, null, null, 0, 0, 0, t);
  }

  private static long rows(DurableStores s, String table) throws Exception {
    try (Connection c = s.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
    dev.attune.core.testing.Eventually.until("the condition", within, condition);
  }


  @Test
  void historyWrittenThroughByThreeMembersIsReadBackOnceByAFreshCluster() throws Exception {
    DurableStores s = stores(h2File());
    AttuneConfig.Cluster cluster = cluster(freePort());
    HazelcastInstance a = HazelcastNode.start(HazelcastNode.config(cluster, s::configure));
    HazelcastInstance b = HazelcastNode.start(HazelcastNode.config(cluster, s::configure));
    HazelcastInstance c = HazelcastNode.start(HazelcastNode.config(cluster, s::configure));
    assertThat(a.getCluster().getMembers()).hasSize(3);

    IMap<String, LiveCall> liveMap = a.getMap(MapNames.LIVE_CALLS);
    IMap<String, CallRecord> history = a.getMap(MapNames.CALL_HISTORY);
    IMap<String, CustomerProfile> customers = a.getMap(MapNames.CUSTOMERS);
    for (int i = 0; i < 60; i++) {
      if (i == 30) {
        c.getLifecycleService().terminate(); // a member dies while calls are being written
      }
      liveMap.set("pbx:live" + i, live(i));
      CallRecord r = record(i);
      history.set(r.id(), r);
      history.set(r.id(), r); // the same record twice must still be one row
      customers.set(r.caller(), customers.getOrDefault(r.caller(), CustomerProfile.first(r.caller(), null))
          .withCall(r));
    }
    assertThat(b.getMap(MapNames.LIVE_CALLS).size()).isEqualTo(60);
    assertThat(rows(s, "call_history")).isEqualTo(60);
    assertThat(rows(s, "customers")).isEqualTo(3);
    assertThat(s.health()).isEqualTo(new DatabaseHealth("UP", 0));

    Hazelcast.shutdownAll();
    s.close();
    toClose.remove(s);

    DurableStores fresh = stores(h2File());
    HazelcastInstance restarted = HazelcastNode.start(HazelcastNode.config(cluster(freePort()), fresh::configure));
    IMap<String, CustomerProfile> loadedCustomers = restarted.getMap(MapNames.CUSTOMERS);
    assertThat(loadedCustomers.size()).as("profiles are loaded as they are read, not all at start").isZero();
    assertThat(loadedCustomers.get("+15550000").calls()).isEqualTo(20);
    assertThat(fresh.customers().all()).extracting(CustomerProfile::number)
        .containsExactly("+15550000", "+15550001", "+15550002");
    assertThat(restarted.<String, CallRecord>getMap(MapNames.CALL_HISTORY).get("pbx:7")).isEqualTo(record(7));
    assertThat(fresh.history().newest(3)).containsExactly(record(59), record(58), record(57));
    assertThat(fresh.history().ofCustomer("+15550001", 2)).containsExactly(record(58), record(55));
  }

  /** Counts what reaches the table (an H2 trigger), whatever Hazelcast retried on its way. */
  public static final class RowWrites implements org.h2.api.Trigger {
    static final java.util.concurrent.atomic.AtomicInteger COUNT = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
      COUNT.incrementAndGet();
    }
  }

  /** Write-through is at least once (a retried set, a replayed write): a repeat of the same record changes no row. */
  @Test
  void storingTheSameRecordAgainLeavesTheRowAloneAndADifferentOneReplacesIt() throws Exception {
    DurableStores s = stores(h2File());
    try (Connection c = s.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TRIGGER count_writes AFTER INSERT, UPDATE ON call_history FOR EACH ROW CALL \""
          + RowWrites.class.getName() + "\"");
    }
    RowWrites.COUNT.set(0);
    HazelcastInstance a = HazelcastNode.start(HazelcastNode.config(cluster(freePort()), s::configure));
    IMap<String, CallRecord> history = a.getMap(MapNames.CALL_HISTORY);
    CallRecord first = record(1);
    history.set(first.id(), first);
    history.set(first.id(), first);
    assertThat(RowWrites.COUNT.get()).as("the same record twice").isEqualTo(1);
    CallRecord other = new CallRecord(first.id(), first.caller(), first.queue(), "SIP/agent9", first.outcome(),
        first.endedBy(), first.startedAt(), first.queuedAt(), first.answeredAt(), first.endedAt(), first.waitSeconds(),
        first.talkSeconds(), first.holdSeconds(), first.holdCount(), first.transfers(), first.hangupCause(), false,
        List.of());
    history.set(first.id(), other);
    assertThat(RowWrites.COUNT.get()).as("then a different one").isEqualTo(2);
  }

  @Test
  void writesDuringADatabaseOutageAreQueuedInOrderAndFlushedOnceItReturns() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String[] args = {"-tcpPort", String.valueOf(port), "-baseDir", dir.toString(), "-ifNotExists"};
    Server server = Server.createTcpServer(args).start();
    String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/attune;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    DurableStores s = stores(url);
    HazelcastInstance hz = HazelcastNode.start(HazelcastNode.config(cluster(freePort()), s::configure));
    IMap<String, CallRecord> history = hz.getMap(MapNames.CALL_HISTORY);
    history.set("pbx:0", record(0));

    server.stop();
    for (int i = 1; i <= 10; i++) {
      history.set("pbx:" + i, record(i)); // must not fail: live work goes on
    }
    CallRecord changed = new CallRecord("pbx:3", "+15550000", "support", "SIP/agent9", CallOutcome.ANSWERED,
        EndedBy.AGENT, T0, T0, T0, T0.plusSeconds(9), 0, 9, 0, 0, 0, "16", false, java.util.List.of());
    history.set("pbx:3", changed); // a newer value for a queued key wins
    assertThat(history.size()).isEqualTo(11);
    assertThat(s.health()).isEqualTo(new DatabaseHealth("DOWN", 10));

    Server again = Server.createTcpServer(args).start();
    toClose.add(again::stop);
    await(() -> s.health().up(), Duration.ofSeconds(20));
    assertThat(rows(s, "call_history")).isEqualTo(11);
    assertThat(s.history().ofCustomer("+15550000", 20)).contains(changed).doesNotContain(record(3));
  }

  @Test
  void aDatabaseWithANewerSchemaStopsStartUpNamingDbUrl() throws Exception {
    DurableStores s = stores(h2File());
    try (Connection c = s.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
          + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL',"
          + " 'V99__from_the_future.sql', 1, 'test', 1, TRUE)");
    }
    s.close();
    toClose.remove(s);
    assertThatThrownBy(() -> stores(h2File()))
        .isInstanceOf(DatabaseStartException.class)
        .hasMessageContaining("db.url=" + h2File())
        .hasMessageContaining("99 from the future");
  }

  @Test
  void anUnreachableDatabaseStopsStartUpNamingDbUrlButNotThePassword() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/attune";
    assertThatThrownBy(() -> DurableStores.start(url, "attune", "s3cret-pw", 2, 200))
        .isInstanceOf(DatabaseStartException.class)
        .hasMessageContaining("db.url=" + url)
        .hasMessageNotContaining("s3cret-pw");
  }

  /** A card and the agent's verdict on it outlive the cluster; a call's cards and a period's are read back in order. */
  @Test
  void guidanceCardsAndVerdictsAreKeptAndReadBackByCallAndByPeriod() throws Exception {
    DurableStores s = stores(h2File());
    HazelcastInstance a = HazelcastNode.start(HazelcastNode.config(cluster(freePort()), s::configure));
    IMap<String, ShownCard> cards = a.getMap(MapNames.GUIDANCE_CARDS);
    for (int i = 0; i < 6; i++) {
      GuidanceItem item = new GuidanceItem(GuidanceItem.Kind.WORDING, "blame", "Shifting blame",
          GuidanceItem.Severity.WARNING, "why", "better", "not my department", T0.plusSeconds(i * 60L),
          "pbx:" + (i % 2), "PJSIP/agent101", "card-" + i);
      cards.set(item.id(), ShownCard.of(item, "That's not my department " + i, "en"));
    }
    cards.set("card-4", cards.get("card-4").judged(ShownCard.Verdict.WRONG, "ann", T0.plusSeconds(600)));
    Hazelcast.shutdownAll();
    s.close();
    toClose.remove(s);

    DurableStores fresh = stores(h2File());
    assertThat(fresh.cards().ofOwner("pbx:0")).extracting(ShownCard::id).containsExactly("card-0", "card-2", "card-4");
    assertThat(fresh.cards().since(T0.plusSeconds(180))).extracting(ShownCard::id)
        .containsExactly("card-3", "card-4", "card-5");
    ShownCard judged = fresh.cards().ofOwner("pbx:0").get(2);
    assertThat(judged.verdict()).isEqualTo(ShownCard.Verdict.WRONG);
    assertThat(judged.verdictBy()).isEqualTo("ann");
    assertThat(judged.utterance()).isEqualTo("That's not my department 4");
    HazelcastInstance restarted = HazelcastNode.start(HazelcastNode.config(cluster(freePort()), fresh::configure));
    assertThat(restarted.<String, ShownCard>getMap(MapNames.GUIDANCE_CARDS).get("card-4")).isEqualTo(judged);
  }

  /**
   * Maps that only grow let idle entries leave the heap (their rows stay), customer profiles too (read one by one,
   * loaded again on the next read); commitments stay whole (the sweep and the lookups query them in memory).
   */
  @Test
  void growingMapsAndProfilesForgetIdleEntriesWhilePromisesStayInMemory() {
    com.hazelcast.config.Config config = new com.hazelcast.config.Config();
    DurableStores s = stores(h2File());
    s.register(new RowMapping<>(MapNames.COMMITMENTS, "commitments", dev.attune.core.commitments.Commitment.class,
        dev.attune.core.commitments.Commitment::customerNumber, dev.attune.core.commitments.Commitment::dueAt, true));
    s.configure(config);
    for (String growing : List.of(MapNames.CALL_HISTORY, MapNames.GUIDANCE_CARDS, MapNames.PROFILE_CHANGES,
        MapNames.CUSTOMERS)) {
      assertThat(config.getMapConfig(growing).getMaxIdleSeconds()).as(growing).isEqualTo(24 * 3600);
    }
    assertThat(config.getMapConfig(MapNames.COMMITMENTS).getMaxIdleSeconds()).isZero();
  }
}
