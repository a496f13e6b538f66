package dev.attune.core.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.store.MapNames;

/**
 * Split-brain protection for what must happen once for the whole cluster (the AMI link, the queue watch, promise
 * reminders and escalations): with {@code cluster.minimumMembers} set (a majority, e.g. 2 of 3), a member that sees
 * fewer members than that (the minority side of a network partition) gives up its cluster-once jobs and cannot take
 * their locks or move a promise, while the majority side takes over. Hazelcast's own split-brain protection counts the
 * members; without the setting (0, a single node or two) every member acts, as before.
 */
public final class ClusterQuorum {
  static final String NAME = "attune-majority";

  private ClusterQuorum() {}

  /** The protection, and the maps it guards: the cluster-once locks and the promises. */
  static void configure(Config config, int minimumMembers) {
    if (minimumMembers <= 1) {
      return;
    }
    // writes only: the minority still shows what it knows, it just cannot take a lock or move a promise
    config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(NAME, true, minimumMembers)
        .setProtectOn(SplitBrainProtectionOn.WRITE));
    config.getMapConfig(MapNames.OWNERSHIP_LOCKS).setSplitBrainProtectionName(NAME);
    config.getMapConfig(MapNames.COMMITMENTS).setSplitBrainProtectionName(NAME);
  }

  /** Whether this member's side of the cluster may act for all of it (always, without {@code minimumMembers}). */
  public static boolean present(HazelcastInstance hazelcast) {
    if (hazelcast.getConfig().getSplitBrainProtectionConfigs().get(NAME) == null) {
      return true;
    }
    return hazelcast.getSplitBrainProtectionService().getSplitBrainProtection(NAME).hasMinimumSize();
  }
}
