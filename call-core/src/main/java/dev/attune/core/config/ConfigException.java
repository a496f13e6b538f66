package dev.attune.core.config;

import java.util.List;

/** Start-up configuration is wrong; the message lists every problem, each naming its key and where it came from. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
