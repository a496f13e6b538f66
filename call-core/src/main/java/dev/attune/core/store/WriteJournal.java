package dev.attune.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attune.core.bus.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes the database owes, on local disk, so they outlive this process: one JSON line per queued write
 * ({@code {"table", "key", "value"}}, value the record's JSON or null for a delete), appended and forced to disk
 * (fsync, data only) before the map's put returns, in the order they were queued. It is emptied once the database
 * has taken everything, and read back at the next start. Writes are journaled only while the database refuses
 * them, so the fsync per write costs nothing when it is up.
 */
final class WriteJournal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WriteJournal.class);

  private final Path file;
  private final FileChannel channel;

  WriteJournal(Path file) {
    this.file = file;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new DatabaseStartException("Cannot open the journal of writes owed to the database at " + file
          + " (data.dir): " + e.getMessage(), e);
    }
  }

  Path file() {
    return file;
  }

  /** Appends one owed write and forces it to disk. */
  void append(String table, String key, Object valueOrNull) {
    ObjectNode line = Json.MAPPER.createObjectNode().put("table", table).put("key", key)
        .put("value", valueOrNull == null ? null : Json.write(valueOrNull));
    ByteBuffer bytes = ByteBuffer.wrap((line.toString() + "\n").getBytes(StandardCharsets.UTF_8));
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
    } catch (IOException e) {
      // the write is still owed from memory; only a crash before the database returns would lose it
      log.error("journal {}: a write owed to the database ({} {}) is not on disk: {}", file, table, key, e.toString());
    }
  }

  /** Everything owed was written: the journal starts over. */
  void clear() {
    try {
      channel.truncate(0);
      channel.force(false);
    } catch (IOException e) {
      log.warn("journal {}: not emptied ({}); its writes would be replayed at the next start, which is harmless",
          file, e.toString());
    }
  }

  /**
   * The writes journaled by an earlier run, oldest first, as {@code (store, key, value)}; a line a crash cut short
   * (the last one) and lines for tables this run does not have are skipped, each with a warning.
   */
  List<PendingWrites.Write> read(Map<String, JsonMapStore<?>> storesByTable) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the journal " + file, e);
    }
    List<PendingWrites.Write> out = new ArrayList<>();
    int number = 0;
    for (String text : lines) {
      number++;
      if (text.isBlank()) {
        continue;
      }
      try {
        JsonNode line = Json.MAPPER.readTree(text);
        JsonMapStore<?> store = storesByTable.get(line.path("table").asText());
        if (store == null) {
          log.warn("journal {} line {}: no table {} in this version, skipped", file, number, line.path("table"));
          continue;
        }
        JsonNode value = line.get("value");
        out.add(new PendingWrites.Write(store, line.path("key").asText(), value == null || value.isNull() ? null
            : Json.read(value.asText(), store.mapping().type())));
      } catch (IOException | RuntimeException e) {
        log.warn("journal {} line {}: unreadable (cut short by a crash?), skipped: {}", file, number, e.toString());
      }
    }
    return out;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("journal {}: {}", file, e.toString());
    }
  }
}
