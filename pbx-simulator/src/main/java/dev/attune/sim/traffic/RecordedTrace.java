package dev.attune.sim.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attune.sim.ami.AmiMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The unsolicited events of a recorded {@code .ami} byte stream (server → client), each with the time its first byte
 * arrived. The banner, the recorded responses and the list items that answered the recorder's own actions (they carry
 * an ActionID) are left out: a replay answers the actions of its own client instead.
 */
public record RecordedTrace(Path file, List<Timed> events) {
  /** An event and its arrival time in seconds since the recorded connection opened (0 when unknown). */
  public record Timed(AmiMessage event, double at) {}

  public static RecordedTrace load(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    List<double[]> chunks = chunks(file);
    List<Timed> events = new ArrayList<>();
    int offset = 0;
    for (String block : text.split("\r\n\r\n", -1)) {
      int start = offset;
      offset += block.length() + 4;
      String body = block.strip();
      if (body.startsWith("Asterisk Call Manager/")) {
        int nl = body.indexOf("\r\n");
        if (nl < 0) {
          continue;
        }
        body = body.substring(nl + 2); // the banner shares no blank line with the first response
      }
      if (body.isEmpty()) {
        continue;
      }
      AmiMessage m = AmiMessage.parse(new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
      if (!m.has("Event") || m.has("Response") || m.has("ActionID") || "FullyBooted".equals(m.get("Event"))) {
        continue;
      }
      events.add(new Timed(m, timeAt(chunks, start)));
    }
    return new RecordedTrace(file, events);
  }

  /** {@code aux/<name>.chunks.jsonl} beside the trace: (offset, t) of every recv(). */
  private static List<double[]> chunks(Path file) throws IOException {
    String name = file.getFileName().toString().replaceFirst("\\.ami$", "");
    Path jsonl = file.resolveSibling("aux").resolve(name + ".chunks.jsonl");
    List<double[]> out = new ArrayList<>();
    if (!Files.isRegularFile(jsonl)) {
      return out;
    }
    ObjectMapper mapper = new ObjectMapper();
    for (String line : Files.readAllLines(jsonl)) {
      JsonNode n = mapper.readTree(line);
      if ("in".equals(n.path("dir").asText())) {
        out.add(new double[] {n.path("off").asDouble(), n.path("t").asDouble(), n.path("len").asDouble()});
      }
    }
    return out;
  }

  private static double timeAt(List<double[]> chunks, int offset) {
    for (double[] c : chunks) {
      if (offset >= c[0] && offset < c[0] + c[2]) {
        return c[1];
      }
    }
    return chunks.isEmpty() ? 0 : chunks.get(chunks.size() - 1)[1];
  }
}
