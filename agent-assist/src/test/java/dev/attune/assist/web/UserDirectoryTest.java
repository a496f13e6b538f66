package dev.attune.assist.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attune.core.config.AttuneConfig;
import dev.attune.core.config.ConfigException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {
  private static final Path CONFIG_DIR =
      Path.of(System.getProperty("attune.project.dir", "..")).resolve("config");

  @Test
  void demoAccountsLoadOnlyInTheDemoOnePerRole() {
    UserDirectory demo = UserDirectory.forNode(new AttuneConfig.Auth("", "", 60, true), CONFIG_DIR);
    assertThat(demo.accounts()).extracting(UserAccount::role)
        .containsExactlyInAnyOrder(Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
    assertThat(demo.find("agent")).get().extracting(UserAccount::agent).isEqualTo("PJSIP/agent101");
    assertThat(PasswordHash.matches("attune-supervisor".toCharArray(), demo.find("supervisor").get().passwordHash()))
        .isTrue();

    UserDirectory production = UserDirectory.forNode(new AttuneConfig.Auth("x".repeat(32), "", 60, false), CONFIG_DIR);
    assertThat(production.size()).isZero();
  }

  @Test
  void brokenUsersFileNamesEveryBadEntry() throws URISyntaxException {
    Path broken = Path.of(getClass().getResource("/users/broken-users.yaml").toURI());
    assertThatThrownBy(() -> UserDirectory.load(List.of(broken)))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4)
            .anySatisfy(p -> assertThat(p).contains("users[0] (carol)").contains("passwordHash"))
            .anySatisfy(p -> assertThat(p).contains("users[1] (dave)").contains("'manager'"))
            .anySatisfy(p -> assertThat(p).contains("users[2] (erin)").contains("agent:"))
            .anySatisfy(p -> assertThat(p).contains("users[3]").contains("username is missing")));
  }
}
