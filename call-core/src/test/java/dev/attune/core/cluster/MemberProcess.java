package dev.attune.core.cluster;

import dev.attune.core.config.AttuneConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A cluster member in a JVM of its own (for {@link SilentMemberTest}, {@link SplitBrainTest}): up until its standard
 * input closes. Args: cluster name, port, members, failure detection seconds[, minimum members[, job folder]]. With
 * a job folder, the line {@code job} on its input makes it contend for the cluster-once job {@code ami:pbx}, which
 * holds the {@link SoleHolder} in that folder while it runs.
 */
public final class MemberProcess {
  private MemberProcess() {}

  public static void main(String[] args) throws Exception {
    AttuneConfig.Cluster cluster = new AttuneConfig.Cluster(args[0], "127.0.0.1", Integer.parseInt(args[1]),
        List.of(args[2].split(",")), Integer.parseInt(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : 0);
    var member = HazelcastNode.start(HazelcastNode.config(cluster, c -> { }));
    String id = member.getCluster().getLocalMember().getUuid().toString();
    System.out.println("member up " + id);
    System.out.flush();
    OwnedJob job = null;
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.equals("job") && job == null && args.length > 5) {
        Path dir = Path.of(args[5]);
        job = new OwnedJob(member, "ami:pbx", () -> SoleHolder.take(dir, id));
      }
    }
    if (job != null) {
      job.close();
    }
    member.getLifecycleService().terminate();
  }
}
