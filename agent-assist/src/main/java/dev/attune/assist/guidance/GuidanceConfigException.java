package dev.attune.assist.guidance;

import java.util.List;

/** Rule packs that cannot be used, with every problem found as {@code <file>:<line>: <what is wrong>}. */
public final class GuidanceConfigException extends Exception {
  private final List<String> problems;

  public GuidanceConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
