package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void configPathComesFromTheFlagThenTheEnvironmentThenTheDefault() {
    assertThat(Main.configPath(new String[] {"--config", "a.yaml"}, java.util.Map.of("ATTUNE_CONFIG", "b.yaml")))
        .isEqualTo(Path.of("a.yaml"));
    assertThat(Main.configPath(new String[] {"--config=c.yaml"}, java.util.Map.of())).isEqualTo(Path.of("c.yaml"));
    assertThat(Main.configPath(new String[0], java.util.Map.of("ATTUNE_CONFIG", "b.yaml"))).isEqualTo(Path.of("b.yaml"));
    assertThat(Main.configPath(new String[0], java.util.Map.of())).isEqualTo(Path.of("config/attune.yaml"));
  }
}
