package dev.attune.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttuneConfigTest {
  private static final Path DEFAULTS = Path.of(System.getProperty("attune.project.dir", ".."), "config", "attune.yaml");

  @Test
  void defaultsStartTheSimulatorWithDemoUsers() {
    AttuneConfig config = AttuneConfig.load(DEFAULTS, Map.of());
    assertThat(config.ami().simulated()).isTrue();
    assertThat(config.auth().demoUsers()).isTrue();
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.metrics().serviceLevelSeconds()).contains(20);
  }

  @Test
  void environmentOverridesNamedKeys() {
    AttuneConfig config = AttuneConfig.load(DEFAULTS, Map.of(
        "ATTUNE_HTTP_PORT", "9191", "ATTUNE_CLUSTER_MEMBERS", "10.0.0.1,10.0.0.2:5702",
        "ATTUNE_AMI_HOST", "pbx.example", "ATTUNE_AMI_SECRET", "s3cret",
        "ATTUNE_AUTH_JWT_SECRET", "0123456789abcdef0123456789abcdef"));
    assertThat(config.http().port()).isEqualTo(9191);
    assertThat(config.cluster().members()).containsExactly("10.0.0.1", "10.0.0.2:5702");
    assertThat(config.ami().simulated()).isFalse();
    assertThat(config.auth().demoUsers()).isFalse();
    assertThat(config.ami().toString()).doesNotContain("s3cret");
  }

  @Test
  void secretComesFromAFile(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("ami.secret"), "from-file\n");
    AttuneConfig config = AttuneConfig.load(DEFAULTS, Map.of("ATTUNE_AMI_HOST", "pbx", "ATTUNE_AMI_SECRET_FILE",
        secret.toString(), "ATTUNE_AUTH_JWT_SECRET", "0123456789abcdef0123456789abcdef"));
    assertThat(config.ami().secret()).isEqualTo("from-file");
  }

  @Test
  void everyBadKeyIsNamedWithItsEnvironmentVariable() {
    assertThatThrownBy(() -> AttuneConfig.load(DEFAULTS, Map.of(
        "ATTUNE_HTTP_PORT", "eighty", "ATTUNE_COMMITMENTS_TIMEZONE", "Mars/Olympus", "ATTUNE_AMI_HOST", "pbx")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.port").hasMessageContaining("ATTUNE_HTTP_PORT").hasMessageContaining("'eighty'")
        .hasMessageContaining("commitments.timezone").hasMessageContaining("Mars/Olympus")
        .hasMessageContaining("ami.secret").hasMessageContaining("ATTUNE_AMI_SECRET_FILE");
  }

  @Test
  void splitBrainProtectionRefusesAFailureDetectionTooShortToFenceIn() {
    assertThatThrownBy(() -> AttuneConfig.load(DEFAULTS, Map.of("ATTUNE_CLUSTER_MINIMUM_MEMBERS", "2",
        "ATTUNE_CLUSTER_FAILURE_DETECTION_SECONDS", "5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.failureDetectionSeconds")
        .hasMessageContaining("at least 6 with cluster.minimumMembers set");
    assertThat(AttuneConfig.load(DEFAULTS, Map.of("ATTUNE_CLUSTER_MINIMUM_MEMBERS", "2",
        "ATTUNE_CLUSTER_FAILURE_DETECTION_SECONDS", "6")).cluster().minimumMembers()).isEqualTo(2);
    assertThat(AttuneConfig.load(DEFAULTS, Map.of("ATTUNE_CLUSTER_FAILURE_DETECTION_SECONDS", "3")).cluster()
        .failureDetectionSeconds()).as("without the protection, no fence to leave room for").isEqualTo(3);
  }

  @Test
  void theAngryCustomerAlertWaitsThirtySecondsByDefaultAndABadValueIsNamed() {
    assertThat(AttuneConfig.load(DEFAULTS, Map.of()).alerts().angryCustomerSeconds()).isEqualTo(30);
    assertThat(AttuneConfig.load(DEFAULTS, Map.of("ATTUNE_ALERTS_ANGRY_CUSTOMER_SECONDS", "0")).alerts()
        .angryCustomerSeconds()).as("0: never").isZero();
    assertThatThrownBy(() -> AttuneConfig.load(DEFAULTS, Map.of("ATTUNE_ALERTS_ANGRY_CUSTOMER_SECONDS", "half a minute")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.angryCustomerSeconds")
        .hasMessageContaining("ATTUNE_ALERTS_ANGRY_CUSTOMER_SECONDS").hasMessageContaining("'half a minute'");
    assertThatThrownBy(() -> AttuneConfig.load(DEFAULTS, Map.of("ATTUNE_ALERTS_ANGRY_CUSTOMER_SECONDS", "-5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.angryCustomerSeconds")
        .hasMessageContaining("expected 0..3600");
  }

  @Test
  void brokenYamlIsReportedWithTheFile(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("attune.yaml"), "ami:\n  host: [unclosed\n");
    assertThatThrownBy(() -> AttuneConfig.load(bad, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(bad.toString()).hasMessageContaining("YAML");
  }

  @Test
  void theDemoListensOnLoopbackOnlyAndARealPbxNodeOnEveryInterface() {
    AttuneConfig demo = AttuneConfig.load(DEFAULTS, Map.of());
    assertThat(List.of(demo.http().host(), demo.audiosocket().host(), demo.fastagi().host()))
        .containsOnly("127.0.0.1");
    AttuneConfig real = AttuneConfig.load(DEFAULTS, Map.of("ATTUNE_AMI_HOST", "pbx", "ATTUNE_AMI_SECRET", "s",
        "ATTUNE_AUTH_JWT_SECRET", "0123456789abcdef0123456789abcdef", "ATTUNE_FASTAGI_HOST", "10.0.0.7"));
    assertThat(List.of(real.http().host(), real.audiosocket().host())).containsOnly("0.0.0.0");
    assertThat(real.fastagi().host()).isEqualTo("10.0.0.7");
    assertThat(real.fastagi().allowFrom()).as("loopback unless told").containsExactly("127.0.0.1", "::1");
  }

  @Test
  void allowFromTakesAddressesAndCidrBlocksAndNamesWhatIsWrong() {
    AttuneConfig config = AttuneConfig.load(DEFAULTS, Map.of("ATTUNE_FASTAGI_ALLOW_FROM", "10.1.0.0/16, 192.0.2.7, fd00::/8"));
    assertThat(config.fastagi().allowFrom()).containsExactly("10.1.0.0/16", "192.0.2.7", "fd00::/8");
    assertThatThrownBy(() -> AttuneConfig.load(DEFAULTS, Map.of(
        "ATTUNE_FASTAGI_ALLOW_FROM", "pbx.example.com", "ATTUNE_AUDIOSOCKET_ALLOW_FROM", "10.0.0.0/40")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fastagi.allowFrom").hasMessageContaining("'pbx.example.com' is not an IP address")
        .hasMessageContaining("audiosocket.allowFrom").hasMessageContaining("prefix must be 0..32");
  }

  @Test
  void wrapUpIsTheQueuesOwnWhereNamedElseTheCentersAndABadEntryIsNamed() {
    AttuneConfig config = AttuneConfig.load(DEFAULTS, Map.of("ATTUNE_AGENTS_WRAP_UP_SECONDS", "5",
        "ATTUNE_AGENTS_WRAP_UP_BY_QUEUE", "support=15, vip = 0"));
    assertThat(config.agents().wrapUpSeconds("support")).isEqualTo(15);
    assertThat(config.agents().wrapUpSeconds("vip")).isZero();
    assertThat(config.agents().wrapUpSeconds("sales")).isEqualTo(5);
    assertThatThrownBy(() -> AttuneConfig.load(DEFAULTS, Map.of("ATTUNE_AGENTS_WRAP_UP_BY_QUEUE", "support:15, sales=-1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("agents.wrapUpByQueue")
        .hasMessageContaining("'support:15' is not queue=seconds").hasMessageContaining("'sales=-1'");
  }
}
