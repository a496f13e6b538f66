package dev.attune.core.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.merge.DiscardMergePolicy;
import dev.attune.core.store.MapNames;
import java.util.List;

/**
 * Split-brain protection for what must happen once for the whole cluster (the AMI link, the queue watch, promise
 * reminders and escalations): with {@code cluster.minimumMembers} set (a majority, e.g. 2 of 3), a member that sees
 * fewer members than that (the minority side of a network partition) gives up its cluster-once jobs and cannot take
 * their locks or move a promise, while the majority side takes over. Without the setting (0, a single node or two)
 * every member acts, as before.
 *
 * <p>The fence: Hazelcast's <em>recently-active</em> protection counts only the members heard from (a heartbeat a
 * second) within half of {@code cluster.failureDetectionSeconds}, while the other side declares a silent member dead,
 * and frees its locks, only after the whole of it. So a member cut off refuses writes to the locks, the promises and
 * the call maps (live calls, call records) some seconds before anyone can take the AMI link over from it: whatever it
 * still has in flight when it gives the job up is refused by the data grid, not trusted to its own checks. A CP
 * {@code FencedLock} would need three CP members and a Raft group per cluster, for the same guarantee on this path.
 * After the heal, live calls of the merging (smaller) side are dropped: the majority held the AMI link meanwhile and
 * its resync is the truth of what is live.
 */
public final class ClusterQuorum {
  static final String NAME = "attune-majority";

  private ClusterQuorum() {}

  /** The maps a minority member must not write: the cluster-once locks, the promises, and what the AMI owner writes. */
  static final List<String> GUARDED = List.of(MapNames.OWNERSHIP_LOCKS, MapNames.COMMITMENTS, MapNames.LIVE_CALLS,
      MapNames.CALL_HISTORY);

  /** The protection, and the maps it guards. */
  static void configure(Config config, int minimumMembers, int failureDetectionSeconds) {
    if (minimumMembers <= 1) {
      return;
    }
    // writes only: the minority still shows what it knows, it just cannot take a lock, move a promise or a call
    config.addSplitBrainProtectionConfig(SplitBrainProtectionConfig.newRecentlyActiveSplitBrainProtectionConfigBuilder(
            NAME, minimumMembers, fenceMillis(failureDetectionSeconds)).enabled(true).build()
        .setProtectOn(SplitBrainProtectionOn.WRITE));
    GUARDED.forEach(map -> config.getMapConfig(map).setSplitBrainProtectionName(NAME));
    config.getMapConfig(MapNames.LIVE_CALLS).getMergePolicyConfig().setPolicy(DiscardMergePolicy.class.getName());
  }

  /** How recently a member must have been heard from to count: half the time after which it is declared dead. */
  static int fenceMillis(int failureDetectionSeconds) {
    return failureDetectionSeconds * 1000 / 2;
  }

  /** Whether this member's side of the cluster may act for all of it (always, without {@code minimumMembers}). */
  public static boolean present(HazelcastInstance hazelcast) {
    if (hazelcast.getConfig().getSplitBrainProtectionConfigs().get(NAME) == null) {
      return true;
    }
    return hazelcast.getSplitBrainProtectionService().getSplitBrainProtection(NAME).hasMinimumSize();
  }
}
