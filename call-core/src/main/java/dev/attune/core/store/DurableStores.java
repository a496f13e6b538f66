package dev.attune.core.store;

import dev.attune.core.commitments.CustomerKeys;
import com.hazelcast.config.Config;
import com.hazelcast.config.MapStoreConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.attune.core.alerts.KeptAlert;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.ProfileChange;
import dev.attune.core.complaints.Complaint;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.guidance.ShownCard;
import dev.attune.core.supervision.SupervisionUse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The durable side of a node: a HikariCP pool, the Flyway schema, and write-through MapStores for
 * {@code calls.history}, {@code customers}, {@code guidance.cards}, {@code customers.changes}, {@code complaints}, {@code alerts}, {@code supervision} (and {@code commitments} once its owner registers a {@link RowMapping}).
 * Use: {@code DurableStores stores = DurableStores.start(config);} then
 * {@code node.customizeHazelcast(stores::configure)} before the member starts; {@code stores.health()} for /health;
 * {@code stores.close()} after Hazelcast shut down.
 */
public final class DurableStores implements AutoCloseable {
  /**
   * Maps that only grow (ended calls, cards shown, profile changes) forget an entry untouched for a day: the screens
   * and reports read those from the table, and a read by key loads an entry again.
   */
  private static final int IDLE_SECONDS = 24 * 3600;
  /** How long start-up waits for the database's first connection (a 2 s wait failed start-up on a loaded machine). */
  private static final long STARTUP_CONNECTION_TIMEOUT_MS = 15_000;
  /** How long a write waits for a connection while running before it is queued in {@link PendingWrites}. */
  private static final long RUNNING_CONNECTION_TIMEOUT_MS = 2_000;
  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final PendingWrites pending;
  private final List<JsonMapStore<?>> stores = new ArrayList<>();
  private final CallHistoryStore history;
  private final JsonRows<ShownCard> cards;
  private final JsonRows<CustomerProfile> customers;
  private final JsonRows<ProfileChange> profileChanges;
  private final JsonRows<Complaint> complaints;
  private final JsonRows<KeptAlert> alerts;
  private final JsonRows<SupervisionUse> supervision;
  private final SharedDatabase shared;
  private boolean recovered;
  private static final String JOURNAL = "pending-writes.journal";

  private DurableStores(HikariDataSource dataSource, Dialect dialect, long retryMillis, CustomerKeys keys,
                        Path journal) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.pending = new PendingWrites(retryMillis, journal);
    register(new RowMapping<>(MapNames.CALL_HISTORY, "call_history", CallRecord.class, r -> keys.key(r.caller()),
        CallRecord::endedAt, false, IDLE_SECONDS));
    // profiles are read one by one (a caller, a routing question): the table holds them all, memory the ones in use
    register(new RowMapping<>(MapNames.CUSTOMERS, "customers", CustomerProfile.class, CustomerProfile::number,
        CustomerProfile::lastContactAt, false, IDLE_SECONDS));
    register(new RowMapping<>(MapNames.GUIDANCE_CARDS, "guidance_cards", ShownCard.class, ShownCard::callId,
        ShownCard::at, false, IDLE_SECONDS));
    register(new RowMapping<>(MapNames.PROFILE_CHANGES, "profile_changes", ProfileChange.class, ProfileChange::number,
        ProfileChange::at, false, IDLE_SECONDS));
    register(new RowMapping<>(MapNames.COMPLAINTS, "complaints", Complaint.class, c -> keys.key(c.customerNumber()),
        Complaint::draftedAt, false, IDLE_SECONDS));
    register(new RowMapping<>(MapNames.ALERTS, "alerts", KeptAlert.class, a -> a.alert().kind(),
        a -> a.alert().at(), false, IDLE_SECONDS));
    register(new RowMapping<>(MapNames.SUPERVISION, "supervision", SupervisionUse.class, SupervisionUse::supervisor,
        SupervisionUse::at, false, IDLE_SECONDS));
    this.history = new CallHistoryStore(dataSource, keys);
    this.cards = new JsonRows<>(dataSource, "guidance_cards", ShownCard.class);
    this.customers = new JsonRows<>(dataSource, "customers", CustomerProfile.class);
    this.profileChanges = new JsonRows<>(dataSource, "profile_changes", ProfileChange.class);
    this.complaints = new JsonRows<>(dataSource, "complaints", Complaint.class);
    this.alerts = new JsonRows<>(dataSource, "alerts", KeptAlert.class);
    this.supervision = new JsonRows<>(dataSource, "supervision", SupervisionUse.class);
    this.shared = new SharedDatabase(dataSource);
  }

  /** Opens the database named by {@code db.url} (or the H2 file under {@code data.dir}) and migrates its schema. */
  public static DurableStores start(AttuneConfig config) {
    return start(jdbcUrl(config), config.db().username(), config.db().password(), config.db().poolSize(), 1000,
        config.customers().keys(), journal(config));
  }

  /** Where this node keeps the writes it owes the database (each node its own, under its data.dir). */
  public static Path journal(AttuneConfig config) {
    return config.data().dir().toAbsolutePath().normalize().resolve(JOURNAL);
  }

  public static String jdbcUrl(AttuneConfig config) {
    if (!config.db().embedded()) {
      return config.db().url();
    }
    Path dir = config.data().dir().toAbsolutePath().normalize();
    // WRITE_DELAY=0: a commit is on disk before it returns, so a kill -9 right after loses nothing
    return "jdbc:h2:file:" + dir.resolve("attune") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";
  }

  /** With the digits-only customer key (no default country). */
  public static DurableStores start(String url, String username, String password, int poolSize, long retryMillis) {
    return start(url, username, password, poolSize, retryMillis, CustomerKeys.DIGITS_ONLY);
  }

  /** {@code keys}: how rows are owned by their customer (history, complaints). */
  public static DurableStores start(String url, String username, String password, int poolSize, long retryMillis,
                                    CustomerKeys keys) {
    return start(url, username, password, poolSize, retryMillis, keys, null);
  }

  /** {@code journal}: the file owed writes are kept in across restarts (null: in memory only). */
  public static DurableStores start(String url, String username, String password, int poolSize, long retryMillis,
                                    CustomerKeys keys, Path journal) {
    if (url.startsWith("jdbc:h2:file:")) {
      try {
        Files.createDirectories(Path.of(url.substring("jdbc:h2:file:".length()).split(";")[0]).getParent());
      } catch (Exception e) {
        throw new DatabaseStartException("Cannot create the directory for the embedded database db.url=" + url
            + " (data.dir): " + e.getMessage(), e);
      }
    }
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setUsername(username == null || username.isEmpty() ? null : username);
    hc.setPassword(password == null || password.isEmpty() ? null : password);
    hc.setMaximumPoolSize(Math.max(2, poolSize));
    hc.setMinimumIdle(1);
    // Opening the database and migrating its schema may take a while on a busy machine or a cold disk; once running,
    // a refused write must queue quickly, not hold a Hazelcast partition thread (see below).
    hc.setConnectionTimeout(STARTUP_CONNECTION_TIMEOUT_MS);
    hc.setValidationTimeout(1000);
    hc.setInitializationFailTimeout(-1);
    hc.setPoolName("attune-db");
    HikariDataSource ds = new HikariDataSource(hc);
    try {
      migrate(ds, url);
      ds.getHikariConfigMXBean().setConnectionTimeout(RUNNING_CONNECTION_TIMEOUT_MS);
    } catch (DatabaseStartException e) {
      ds.close();
      throw e;
    } catch (RuntimeException e) {
      ds.close();
      throw new DatabaseStartException("Cannot use the database at db.url=" + url + " (user '" + username
          + "'): " + rootMessage(e) + ". Check that the database server is running and reachable, that db.username"
          + " and db.password (or db.passwordFile) are right, or leave db.url empty to use the embedded H2 file"
          + " under data.dir.", e);
    }
    DurableStores stores = new DurableStores(ds, Dialect.of(url), retryMillis, keys, journal);
    try {
      stores.shared.leaveMark();
    } catch (java.sql.SQLException e) {
      ds.close();
      throw new DatabaseStartException("Cannot write to the database at db.url=" + url + ": " + rootMessage(e), e);
    }
    return stores;
  }

  private static void migrate(HikariDataSource ds, String url) {
    Flyway flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
    flyway.migrate();
    List<String> unknown = new ArrayList<>();
    for (MigrationInfo info : flyway.info().all()) {
      if (info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED) {
        unknown.add(info.getVersion() + " " + info.getDescription());
      }
    }
    if (!unknown.isEmpty()) {
      throw new DatabaseStartException("The database at db.url=" + url + " has schema migrations this version of"
          + " Attune does not know (" + String.join(", ", unknown) + "): it was upgraded by a newer Attune. Run the"
          + " newer version, or point db.url at a database of this version; refusing to start so data written by the"
          + " newer schema is not damaged.", null);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /** Adds a durable map; call before {@link #configure}. The commitments helper calls this with its own mapping. */
  public <V> DurableStores register(RowMapping<V> mapping) {
    stores.add(new JsonMapStore<>(dataSource, dialect, mapping, pending));
    return this;
  }

  /** The Hazelcast customize step: write-through MapStore configs for every registered map. */
  public void configure(Config config) {
    if (!recovered) { // before the member starts: what the last run owes goes first
      recovered = true;
      Map<String, JsonMapStore<?>> byTable = new java.util.HashMap<>();
      stores.forEach(s -> byTable.put(s.table(), s));
      pending.recover(byTable);
      pending.flush();
    }
    for (JsonMapStore<?> store : stores) {
      RowMapping<?> m = store.mapping();
      MapStoreConfig msc = new MapStoreConfig().setEnabled(true).setImplementation(store)
          .setWriteDelaySeconds(0) // write-through: the row is written (or queued) before the put returns
          .setInitialLoadMode(m.eagerLoad() ? MapStoreConfig.InitialLoadMode.EAGER
              : MapStoreConfig.InitialLoadMode.LAZY);
      // merged into what is configured already (the commitments' indexes), not put in its place
      config.getMapConfig(m.map()).setBackupCount(1).setMaxIdleSeconds(m.maxIdleSeconds()).setMapStoreConfig(msc);
    }
  }

  public Consumer<Config> customizer() {
    return this::configure;
  }

  public DatabaseHealth health() {
    return pending.health();
  }

  /** Newest-first history and per-customer history, read from the database (the map holds only what was touched). */
  public CallHistoryStore history() {
    return history;
  }

  /** Guidance cards by call (owner) and by period, read from the database. */
  /** Every customer profile (the cluster map holds only those in use). */
  public JsonRows<CustomerProfile> customers() {
    return customers;
  }

  public JsonRows<ShownCard> cards() {
    return cards;
  }

  /** Changes to customer profiles by customer (owner: the number's key), read from the database. */
  public JsonRows<ProfileChange> profileChanges() {
    return profileChanges;
  }

  /** Complaint records by customer (owner: the number's key) and by period (when drafted), read from the database. */
  public JsonRows<Complaint> complaints() {
    return complaints;
  }

  /** Alerts kept for supervisors by period (when raised), read from the database. */
  public JsonRows<KeptAlert> alerts() {
    return alerts;
  }

  /** Supervisors' listen / whisper / barge uses by period, read from the database. */
  public JsonRows<SupervisionUse> supervision() {
    return supervision;
  }

  /** This node's mark in the database, to tell whether the cluster's other members write to it too. */
  public SharedDatabase shared() {
    return shared;
  }

  public javax.sql.DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    pending.close();
    dataSource.close();
  }
}
