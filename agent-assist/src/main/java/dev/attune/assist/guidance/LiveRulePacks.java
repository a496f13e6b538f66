package dev.attune.assist.guidance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule packs as they are now: the folder is re-read when a pack file is added, removed or changed (checked at
 * most once per {@code checkMillis}, by whoever asks, so no watcher thread is needed). A broken edit is logged with
 * its file:line problems and the last good packs stay in force, so a typo never switches coaching off. New calls
 * pick up the new packs ({@code new CallCoach(id, live.get(), ...)}); {@code new UtteranceRules(live)} reads them on
 * every check.
 */
public final class LiveRulePacks implements Supplier<RulePacks> {
  private static final Logger log = LoggerFactory.getLogger(LiveRulePacks.class);

  private final Path dir;
  private final long checkMillis;
  private volatile RulePacks current;
  private volatile Map<String, Stamp> loaded;
  private volatile long lastCheck;

  private record Stamp(FileTime modified, long size) {}

  /** Loads the folder now; broken packs at start-up are an error (thrown), not a silent default. */
  public LiveRulePacks(Path dir, long checkMillis) throws GuidanceConfigException {
    this.dir = dir;
    this.checkMillis = checkMillis;
    this.loaded = stamps();
    this.current = RulePacks.load(dir);
    this.lastCheck = System.currentTimeMillis();
    log.info("guidance rule packs loaded from {}: {}", dir, current.languages());
  }

  @Override
  public RulePacks get() {
    long now = System.currentTimeMillis();
    if (now - lastCheck >= checkMillis) {
      lastCheck = now;
      reloadIfChanged();
    }
    return current;
  }

  /** Re-reads the folder if a pack changed; returns true when new packs took effect. */
  public synchronized boolean reloadIfChanged() {
    Map<String, Stamp> stamps = stamps();
    if (Objects.equals(stamps, loaded)) {
      return false;
    }
    loaded = stamps;
    try {
      current = RulePacks.load(dir);
      log.info("guidance rule packs reloaded from {}: {}", dir, current.languages());
      return true;
    } catch (GuidanceConfigException e) {
      log.error("guidance rule packs in {} not reloaded, keeping the last good ones:\n{}", dir, e.getMessage());
      return false;
    }
  }

  private Map<String, Stamp> stamps() {
    Map<String, Stamp> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
        out.put(f.getFileName().toString(), new Stamp(Files.getLastModifiedTime(f), Files.size(f)));
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }
}
