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
 * newest is enough and never duplicates. Trade-off: the queue lives in this member's memory; if the member dies while
 * the database is down, its queued rows are lost from the database (the map entries survive on the backup member,
 * and are rewritten when next changed). While anything is queued, new writes queue behind it so an old value can never
 * overwrite a newer one.
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

  public PendingWrites(long retryMillis) {
    retrier.scheduleWithFixedDelay(this::flush, retryMillis, retryMillis, TimeUnit.MILLISECONDS);
  }

  synchronized boolean isEmpty() {
    return queue.isEmpty();
  }

  synchronized void add(Write write) {
    String id = write.store().table() + "\u0000" + write.key();
    queue.remove(id); // newest value moves to the back: order of arrival is kept
    queue.put(id, write);
    lastWriteFailed = true;
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
    flush();
  }
}
