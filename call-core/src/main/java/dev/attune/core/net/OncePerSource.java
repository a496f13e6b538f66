package dev.attune.core.net;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says yes the first time it hears of a source address, so a problem that repeats (a scanner, a misconfigured host)
 * is logged once per source and then only counted. Bounded: past {@value #MAX_SOURCES} sources it says no.
 */
public final class OncePerSource {
  private static final int MAX_SOURCES = 10_000;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  /** True only for the first call with {@code source}. */
  public boolean first(String source) {
    return seen.size() < MAX_SOURCES && seen.add(source);
  }
}
