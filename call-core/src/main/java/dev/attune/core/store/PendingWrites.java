package dev.attune.core.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the database refused, kept in arrival order and retried until it takes them. Why: a MapStore that throws
 * fails the {@code IMap.set} itself, so a database outage would stop live work; instead the map keeps the value and
 * this queue owes the row. Only the newest value per (table, key) is kept: the rows are upserts, so replaying the
 * newest is enough and never duplicates. With a journal ({@link WriteJournal}, {@code data.dir/pending-writes.journal})
 * every queued write is also on local disk before the put returns, and a node that died while the database was down
 * replays them in order at its next start, before its member joins. While anything is queued, new writes queue behind
 * it so an old value can never overwrite a newer one. Trade-off: in a cluster, a write replayed at a restart may
 * overwrite a newer value another member wrote for the same key while this one was down (call records never change
 * once written; profiles and promises are written again at their next change).
 */
public final class PendingWrites implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PendingWrites.class);

  /** One owed row: value null means delete. */
  record Write(JsonMapStore<?> store, String key, Object value) {}

  private final Map<String, Write> queue = new LinkedHashMap<>();
  private final ScheduledExecutorService retrier = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "attune-db-retry");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean lastWriteFailed;
  private final WriteJournal journal;

  /** Without a journal: what is owed lives in memory only. */
  public PendingWrites(long retryMillis) {
    this(retryMillis, null);
  }

  /** {@code journalFile} null: no journal. */
  public PendingWrites(long retryMillis, java.nio.file.Path journalFile) {
    this.journal = journalFile == null ? null : new WriteJournal(journalFile);
    retrier.scheduleWithFixedDelay(this::flush, retryMillis, retryMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Queues what an earlier run journaled and did not deliver, in its order, ahead of anything new; call once every
   * table's store exists and before the member starts. Returns how many writes were owed.
   */
  synchronized int recover(Map<String, JsonMapStore<?>> storesByTable) {
    if (journal == null) {
      return 0;
    }
    List<Write> owed = journal.read(storesByTable);
    for (Write w : owed) {
      queue.remove(id(w));
      queue.put(id(w), w);
    }
    if (!owed.isEmpty()) {
      lastWriteFailed = true;
      log.warn("{} writes owed to the database by the last run (journal {}): replaying them in order", owed.size(),
          journal.file());
    }
    return owed.size();
  }

  private static String id(Write w) {
    return w.store().table() + "\u0000" + w.key();
  }

  synchronized boolean isEmpty() {
    return queue.isEmpty();
  }

  synchronized void add(Write write) {
    queue.remove(id(write)); // newest value moves to the back: order of arrival is kept
    queue.put(id(write), write);
    lastWriteFailed = true;
    if (journal != null) {
      journal.append(write.store().table(), write.key(), write.value());
    }
  }

  void succeeded() {
    lastWriteFailed = false;
  }

  public synchronized int size() {
    return queue.size();
  }

  public DatabaseHealth health() {
    int n = size();
    return new DatabaseHealth(n == 0 && !lastWriteFailed ? "UP" : "DOWN", n);
  }

  /** Replays queued rows in order; stops at the first failure and tries again later. */
  public synchronized void flush() {
    if (queue.isEmpty()) {
      return;
    }
    int before = queue.size();
    try {
      var it = queue.values().iterator();
      while (it.hasNext()) {
        Write w = it.next();
        w.store().writeNow(w.key(), w.value());
        it.remove();
      }
      lastWriteFailed = false;
      if (journal != null) {
        journal.clear();
      }
      log.info("database back: {} queued writes flushed", before);
    } catch (SQLException | RuntimeException e) {
      log.debug("database still refusing writes ({} queued): {}", queue.size(), e.toString());
    }
  }

  List<Write> snapshot() {
    synchronized (this) {
      return new ArrayList<>(queue.values());
    }
  }

  @Override
  public void close() {
    retrier.shutdownNow();
    flush(); // what the database still refuses stays in the journal for the next start
    if (journal != null) {
      journal.close();
    }
  }
}
