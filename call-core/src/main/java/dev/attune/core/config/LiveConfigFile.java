package dev.attune.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configuration file (or a folder of them) as it is now: re-read when a modification time or size changes (checked
 * at most once per {@code checkMillis}, by whoever reads it, so no watcher thread is needed). A broken edit is logged
 * with its problems and the last good version stays in force, so a typo in a rules file never stops calls being
 * routed or coached; a broken file at start-up is an error, not a silent default.
 */
public final class LiveConfigFile<T> {
  private static final Logger log = LoggerFactory.getLogger(LiveConfigFile.class);

  /** Parses the file or folder; throws with a message naming the file and line of each problem. */
  @FunctionalInterface
  public interface Parser<T, E extends Exception> {
    T parse(Path path) throws E;
  }

  private final String what;
  private final Path path;
  private final long checkMillis;
  private final Parser<T, ?> parser;
  private volatile T current;
  private volatile List<Stamp> loaded;
  private volatile long lastCheck;

  private record Stamp(String name, long modifiedMillis, long size) {}

  private LiveConfigFile(String what, Path path, long checkMillis, Parser<T, ?> parser, T first, List<Stamp> stamps) {
    this.what = what;
    this.path = path;
    this.checkMillis = checkMillis;
    this.parser = parser;
    this.current = first;
    this.loaded = stamps;
    this.lastCheck = System.currentTimeMillis();
  }

  /** Loads {@code path} now ({@code what} names it in logs, e.g. "routing rules"); its parse error is thrown. */
  public static <T, E extends Exception> LiveConfigFile<T> load(String what, Path path, long checkMillis,
                                                               Parser<T, E> parser) throws E {
    List<Stamp> stamps = stamps(path);
    T first = parser.parse(path);
    log.info("{} loaded from {}", what, path);
    return new LiveConfigFile<>(what, path, checkMillis, parser, first, stamps);
  }

  public T current() {
    long now = System.currentTimeMillis();
    if (now - lastCheck >= checkMillis) {
      lastCheck = now;
      reloadIfChanged();
    }
    return current;
  }

  /** Re-reads the file if it changed; returns true when the new version took effect. */
  public synchronized boolean reloadIfChanged() {
    List<Stamp> stamps = stamps(path);
    if (Objects.equals(stamps, loaded)) {
      return false;
    }
    loaded = stamps;
    try {
      current = parser.parse(path);
      log.info("{} reloaded from {}", what, path);
      return true;
    } catch (Exception e) {
      log.error("{} in {} not reloaded, keeping the last good version: {}", what, path, e.getMessage());
      return false;
    }
  }

  /** One stamp per file: the file itself, or each regular file directly in the folder, by name. */
  private static List<Stamp> stamps(Path path) {
    if (!Files.isDirectory(path)) {
      return List.of(stamp(path));
    }
    try (Stream<Path> files = Files.list(path)) {
      return files.filter(Files::isRegularFile).sorted().map(LiveConfigFile::stamp).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Stamp stamp(Path file) {
    try {
      return new Stamp(file.getFileName().toString(), Files.getLastModifiedTime(file).toMillis(), Files.size(file));
    } catch (IOException e) {
      return new Stamp(String.valueOf(file.getFileName()), -1, -1);
    }
  }
}
