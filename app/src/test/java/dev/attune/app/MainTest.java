package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void configPathComesFromTheFlagThenTheEnvironmentThenTheDefault() {
    assertThat(Main.configPath(new String[] {"--config", "a.yaml"}, java.util.Map.of("ATTUNE_CONFIG", "b.yaml"), null))
        .isEqualTo(Path.of("a.yaml"));
    assertThat(Main.configPath(new String[] {"--config=c.yaml"}, java.util.Map.of(), null)).isEqualTo(Path.of("c.yaml"));
    assertThat(Main.configPath(new String[0], java.util.Map.of("ATTUNE_CONFIG", "b.yaml"), null)).isEqualTo(Path.of("b.yaml"));
  }

  @Test
  void withoutEitherTheConfigurationBesideOrAboveTheJarIsFound(@TempDir Path dir) throws Exception {
    Path jarDir = Files.createDirectories(dir.resolve("attune/app/target"));
    Path config = Files.createDirectories(dir.resolve("attune/config")).resolve("attune.yaml");
    Files.writeString(config, "http:\n  port: 1\n");
    // The tests run in app/, where there is no config/attune.yaml: the one two levels above the jar is taken.
    assertThat(Main.configPath(new String[0], java.util.Map.of(), jarDir)).isEqualTo(config);
    assertThat(Main.configPath(new String[0], java.util.Map.of(), dir)).as("nothing found")
        .isEqualTo(Path.of("config/attune.yaml"));
  }
}
