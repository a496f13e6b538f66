package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.attune.core.config.ConfigException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node that cannot do its job refuses to start with a configuration error (exit code 2 from the jar) that names
 * the key to change, instead of a bare exception or a node nobody can use.
 */
class StartRefusalsTest {
  private TestCluster cluster;

  @BeforeEach
  void cluster() throws Exception {
    cluster = new TestCluster();
  }

  @AfterEach
  void close() throws Exception {
    cluster.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "audiosocket", "fastagi"})
  void aPortInUseIsAConfigurationErrorNamingTheKeyAndThePort(String section) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Map<String, String> env = cluster.environment();
      env.put("ATTUNE_" + section.toUpperCase() + "_HOST", "127.0.0.1");
      env.put("ATTUNE_" + section.toUpperCase() + "_PORT", String.valueOf(taken.getLocalPort()));
      ConfigException refused = configProblem(catchThrowable(() -> cluster.startNode(env)));
      assertThat(refused.getMessage()).contains(section + ".port")
          .contains("127.0.0.1:" + taken.getLocalPort()).contains("ATTUNE_" + section.toUpperCase() + "_PORT");
    }
  }

  @Test
  void aRealPbxNodeWithoutAccountsRefusesToStartAndSaysHowToAddOne() throws Exception {
    Map<String, String> env = cluster.environment();
    env.put("ATTUNE_AUTH_USERS_FILE", "");
    ConfigException refused = configProblem(catchThrowable(() -> cluster.startNode(env)));
    assertThat(refused.getMessage()).contains("auth.usersFile").contains("no accounts").contains("HashPassword")
        .contains("ATTUNE_AUTH_USERS_FILE");
  }

  private static ConfigException configProblem(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ConfigException e) {
        return e;
      }
    }
    throw new AssertionError("expected a ConfigException, got " + thrown, thrown);
  }
}
