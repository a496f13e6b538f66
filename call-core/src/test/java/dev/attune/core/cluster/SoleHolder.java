package dev.attune.core.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Stands in for what a cluster-once job must be alone to hold (the PBX's AMI session, the reminder run): an OS file
 * lock, which no second holder in any JVM on this host can take. Each member's job takes it on start and writes what
 * happened to a shared log ({@code start who}, {@code stop who}, or {@code overlap who} when it found the lock
 * taken), so a test sees across JVMs whether two members ever ran the job at once.
 */
final class SoleHolder {
  private SoleHolder() {}

  /** The job's start: takes the lock (or logs the overlap) and returns its stop. */
  static AutoCloseable take(Path dir, String who) {
    try {
      FileChannel channel = FileChannel.open(dir.resolve("sole.lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        log(dir, "overlap " + who);
        return () -> { };
      }
      log(dir, "start " + who);
      return () -> {
        log(dir, "stop " + who);
        lock.release();
        channel.close();
      };
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The log so far, one line per start, stop or overlap, in the order they happened. */
  static List<String> events(Path dir) throws IOException {
    Path log = dir.resolve("sole.log");
    return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
  }

  private static void log(Path dir, String line) throws IOException {
    // one write per line in append mode: whole lines, in order, across processes
    try (FileChannel out = FileChannel.open(dir.resolve("sole.log"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      out.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
    }
  }
}
