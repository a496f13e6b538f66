package dev.attune.app;

import dev.attune.core.config.AttuneConfig;
import dev.attune.core.config.ConfigException;
import dev.attune.core.store.DatabaseStartException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar attune-all.jar [--config config/attune.yaml]}: starts one node and stops it cleanly on SIGTERM.
 * The configuration path comes from {@code --config}, else {@code ATTUNE_CONFIG}, else the first
 * {@code config/attune.yaml} found in the working directory or beside the jar (or up to two levels above it, which
 * is the repository for {@code app/target/attune-all.jar}), so the jar starts from any directory.
 * Exit codes: 2 bad configuration or a port that cannot be listened on (the message names each key), 1 start-up
 * failed otherwise.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  static final String DEFAULT_CONFIG = "config/attune.yaml";

  private Main() {}

  public static void main(String[] args) {
    Path configFile = configPath(args, System.getenv(), jarDirectory());
    AttuneConfig config;
    try {
      config = AttuneConfig.load(configFile, System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    MaskedMessage.enable(config.logging().maskNumbers());
    Path configDir = configFile.toAbsolutePath().getParent();
    AttuneNode node = new AttuneNode(config, configDir);
    try {
      node.start().await(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      RuntimeException configProblem = configProblem(e);
      if (configProblem != null) {
        System.err.println(configProblem.getMessage()); // the operator's to fix: no stack trace
      } else {
        log.error("start-up failed", e);
      }
      stopQuietly(node);
      System.exit(configProblem != null ? 2 : 1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(node), "attune-shutdown"));
  }

  static Path configPath(String[] args, Map<String, String> env, Path jarDir) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    String fromEnv = env.get("ATTUNE_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    List<Path> candidates = new ArrayList<>(List.of(Path.of(DEFAULT_CONFIG)));
    for (Path dir = jarDir; dir != null && candidates.size() < 4; dir = dir.getParent()) {
      candidates.add(dir.resolve(DEFAULT_CONFIG));
    }
    // None found: the first, so the error names the working directory's config/attune.yaml.
    return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(candidates.get(0));
  }

  /** Where the running jar lies; null when not run from a jar (an IDE, tests). */
  private static Path jarDirectory() {
    try {
      Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(location) ? location.toAbsolutePath().getParent() : null;
    } catch (Exception e) {
      return null;
    }
  }

  /** A bad configuration or a database we cannot use: start-up stops with the message alone and exit code 2. */
  private static RuntimeException configProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConfigException || t instanceof DatabaseStartException) {
        return (RuntimeException) t;
      }
    }
    return null;
  }

  private static void stopQuietly(AttuneNode node) {
    try {
      node.stop().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("shutdown did not finish cleanly: {}", e.toString());
    }
  }
}
