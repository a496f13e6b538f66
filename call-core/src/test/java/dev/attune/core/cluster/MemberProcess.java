package dev.attune.core.cluster;

import dev.attune.core.config.AttuneConfig;
import java.util.List;

/**
 * A cluster member in a JVM of its own (for {@link SilentMemberTest}, {@link SplitBrainTest}): up until its standard
 * input closes. Args: cluster name, port, members, failure detection seconds[, minimum members].
 */
public final class MemberProcess {
  private MemberProcess() {}

  public static void main(String[] args) throws Exception {
    AttuneConfig.Cluster cluster = new AttuneConfig.Cluster(args[0], "127.0.0.1", Integer.parseInt(args[1]),
        List.of(args[2]), Integer.parseInt(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : 0);
    var member = HazelcastNode.start(HazelcastNode.config(cluster, c -> { }));
    System.out.println("member up " + member.getCluster().getLocalMember().getUuid());
    System.out.flush();
    while (System.in.read() >= 0) {
      // until the test closes our input
    }
    member.getLifecycleService().terminate();
  }
}
