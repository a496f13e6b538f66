package dev.attune.assist.floor;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.store.CallHistoryStore;
import dev.attune.core.store.MapNames;
import java.time.Instant;
import java.util.List;

/** Calls that ended from an instant on: the database's history, or the cluster map's without a database. */
final class EndedCalls {
  private final HazelcastInstance hazelcast;
  private final CallHistoryStore history;

  /** {@code history} may be null (no database). */
  EndedCalls(HazelcastInstance hazelcast, CallHistoryStore history) {
    this.hazelcast = hazelcast;
    this.history = history;
  }

  /** Blocks. */
  List<CallRecord> since(Instant from) throws Exception {
    if (history != null) {
      return history.endedSince(from);
    }
    return hazelcast.<String, CallRecord>getMap(MapNames.CALL_HISTORY).values().stream()
        .filter(r -> r.endedAt() != null && !r.endedAt().isBefore(from)).toList();
  }
}
