package dev.attune.bridge.routing;

import java.util.List;

/** A rules file that cannot be used; each problem reads {@code file:line: key: what is wrong; valid: ...}. */
public final class RoutingRulesException extends RuntimeException {
  private final List<String> problems;

  public RoutingRulesException(List<String> problems) {
    super("routing rules rejected:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
