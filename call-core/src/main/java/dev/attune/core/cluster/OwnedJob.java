package dev.attune.core.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import dev.attune.core.store.MapNames;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job on exactly one member of the cluster: whoever holds the lock {@code name} in
 * {@link MapNames#OWNERSHIP_LOCKS}. Hazelcast releases an IMap lock when its holder member leaves, so another member's
 * waiting thread takes over (seconds after a crash, as soon as the member is declared gone). Use it for reminders,
 * AMI consumption per PBX and metric recording. The lock is held by this object's own thread (IMap locks are
 * per thread), which only waits; the job itself runs wherever {@code start} puts it and is stopped through the
 * {@link AutoCloseable} it returns.
 *
 * <p>Entry listeners: {@code addEntryListener} fires on every member (count each event once by filtering with
 * {@link #owned()} or by using {@code addLocalEntryListener}, which fires only on the member owning the key's
 * partition, so each change is seen once cluster-wide but by different members for different keys).
 */
public final class OwnedJob implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OwnedJob.class);

  private final String name;
  private final HazelcastInstance hazelcast;
  private final IMap<String, String> locks;
  private final Supplier<AutoCloseable> start;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread holder;
  private volatile boolean owned;
  private volatile boolean merging;

  public OwnedJob(HazelcastInstance hazelcast, String name, Supplier<AutoCloseable> start) {
    this.name = name;
    this.hazelcast = hazelcast;
    this.locks = hazelcast.getMap(MapNames.OWNERSHIP_LOCKS);
    this.start = start;
    // a stopping member stops its job at once instead of running on beside the new owner
    hazelcast.getLifecycleService().addLifecycleListener(event -> {
      switch (event.getState()) {
        case SHUTTING_DOWN -> closed.countDown();
        // a member merging into the other side of a healed split loses its locks: it must not run on beside that
        // side's owner (with a majority quorum the owner is never on the merging side, this is the guard anyway)
        case MERGING -> merging = true;
        case MERGED, MERGE_FAILED -> merging = false;
        default -> { }
      }
    });
    this.holder = new Thread(this::contend, "attune-owned-" + name);
    holder.setDaemon(true);
    holder.start();
  }

  /** True while this member runs the job. */
  public boolean owned() {
    return owned;
  }

  private void contend() {
    try {
      while (closed.getCount() > 0) {
        if (merging || !ClusterQuorum.present(hazelcast)) { // the minority side of a split: the majority runs it
          closed.await(500, TimeUnit.MILLISECONDS);
          continue;
        }
        if (!tryLock()) {
          continue;
        }
        try {
          owned = true;
          log.info("job {}: this member runs it", name);
          try (AutoCloseable job = start.get()) {
            while (!closed.await(250, TimeUnit.MILLISECONDS)) {
              if (merging) {
                log.warn("job {}: this member merges into the other side of a healed split and gives the job up",
                    name);
                break;
              }
              if (!ClusterQuorum.present(hazelcast)) {
                log.warn("job {}: this member sees fewer members than cluster.minimumMembers (a split brain's"
                    + " minority side?): it gives the job up to the majority", name);
                break;
              }
            }
          }
        } finally {
          owned = false;
          try {
            locks.unlock(name);
          } catch (RuntimeException e) {
            log.debug("job {}: unlock after shutdown: {}", name, e.toString());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (HazelcastInstanceNotActiveException e) {
      log.debug("job {}: member stopped", name);
    } catch (Exception e) {
      log.error("job {}: stopped by {}", name, e.toString(), e);
    }
  }

  /** The lock, unless the cluster lost its majority meanwhile (the protection refuses it then). */
  private boolean tryLock() throws InterruptedException {
    try {
      return locks.tryLock(name, 500, TimeUnit.MILLISECONDS);
    } catch (com.hazelcast.splitbrainprotection.SplitBrainProtectionException e) {
      return false;
    }
  }

  /** Stops the job here (if this member ran it) and lets another member take over. */
  @Override
  public void close() throws InterruptedException {
    closed.countDown();
    holder.join(5000);
  }
}
