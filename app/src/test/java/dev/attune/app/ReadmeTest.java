package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README is the front door: its configuration table and demo logins must match what the node really reads. */
class ReadmeTest {
  private static final Path ROOT = TestCluster.projectDir();

  @Test
  void everyConfigurationKeyIsInTheReadmeWithItsEnvironmentVariable() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("config/attune.yaml").toFile());
    List<String> missing = new ArrayList<>();
    yaml.fields().forEachRemaining(section -> section.getValue().fieldNames().forEachRemaining(key -> {
      String env = "ATTUNE_" + section.getKey().toUpperCase() + "_"
          + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
      String row = "| `" + section.getKey() + "." + key + "` | `" + env + "` |";
      if (!readme.contains(row)) {
        missing.add(row);
      }
    }));
    assertThat(missing).as("README configuration rows").isEmpty();
  }

  @Test
  void readmeListsOneDemoLoginPerRoleAsTheDemoUsersFileDefinesThem() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String demo = Files.readString(ROOT.resolve("config/demo-users.yaml"));
    for (String role : List.of("agent", "supervisor", "admin")) {
      assertThat(readme).contains("`" + role + " / attune-" + role + "` — role **" + role + "**");
      assertThat(demo).contains("username: " + role).contains("role: " + role);
    }
  }
}
