package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attune.core.config.ConfigException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cluster keeps one database: a node that would write to another one (its own embedded H2 file, as two hosts
 * each with the default would) refuses to start and says to use PostgreSQL; a node on the same database joins.
 */
class OneDatabaseTest {

  @Test
  void aNodeWithItsOwnEmbeddedDatabaseIsRefusedAndOneOnTheClustersDatabaseJoins() throws Exception {
    try (TestCluster cluster = new TestCluster()) {
      AttuneNode first = cluster.startNode();

      Map<String, String> elsewhere = cluster.environment();
      elsewhere.put("ATTUNE_DATA_DIR", Files.createTempDirectory("attune-other-host").toString());
      assertThatThrownBy(() -> cluster.startNode(elsewhere))
          .satisfies(e -> {
            Throwable t = e;
            while (t != null && !(t instanceof ConfigException)) {
              t = t.getCause();
            }
            assertThat(t).as("a configuration problem, said as one").isNotNull();
            assertThat(t.getMessage()).contains("db.url").contains("writes to another database")
                .contains(first.hazelcast().getCluster().getLocalMember().getAddress().toString())
                .contains("PostgreSQL");
          });

      AttuneNode second = cluster.startNode(); // the same data directory: the same H2 database
      Eventually.await("two members", java.time.Duration.ofSeconds(30),
          () -> second.hazelcast().getCluster().getMembers().size(), n -> n == 2);
    }
  }
}
