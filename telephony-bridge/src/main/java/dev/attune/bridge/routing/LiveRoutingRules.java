package dev.attune.bridge.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules file as it is now: re-read when its modification time or size changes (checked at most once per
 * {@code checkMillis}, on the routing thread, so no watcher thread is needed). A broken edit is logged with its
 * file:line problems and the last good rules stay in force, so a typo never stops calls being routed.
 */
public final class LiveRoutingRules {
  private static final Logger log = LoggerFactory.getLogger(LiveRoutingRules.class);

  private final Path file;
  private final long checkMillis;
  private volatile RoutingRules current;
  private volatile Stamp loaded;
  private volatile long lastCheck;

  private record Stamp(FileTime modified, long size) {}

  /** Loads the file now; a broken file at start-up is an error (thrown), not a silent default. */
  public LiveRoutingRules(Path file, long checkMillis) {
    this.file = file;
    this.checkMillis = checkMillis;
    this.loaded = stamp();
    this.current = RoutingRulesParser.parse(file);
    this.lastCheck = System.currentTimeMillis();
    log.info("routing rules loaded from {}", file);
  }

  public RoutingRules current() {
    long now = System.currentTimeMillis();
    if (now - lastCheck >= checkMillis) {
      reloadIfChanged();
      lastCheck = now;
    }
    return current;
  }

  /** Re-reads the file if it changed; returns true when new rules took effect. */
  public synchronized boolean reloadIfChanged() {
    Stamp stamp = stamp();
    if (Objects.equals(stamp, loaded)) {
      return false;
    }
    loaded = stamp;
    try {
      current = RoutingRulesParser.parse(file);
      log.info("routing rules reloaded from {}", file);
      return true;
    } catch (RoutingRulesException e) {
      log.error("routing rules in {} not reloaded, keeping the last good rules: {}", file, e.getMessage());
      return false;
    }
  }

  private Stamp stamp() {
    try {
      return new Stamp(Files.getLastModifiedTime(file), Files.size(file));
    } catch (IOException e) {
      return null;
    }
  }
}
