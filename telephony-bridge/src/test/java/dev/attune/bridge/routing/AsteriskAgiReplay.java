package dev.attune.bridge.routing;

import dev.attune.sim.agi.AsteriskAgiChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Speaks to a FastAGI server as Asterisk did in a recorded session: sends the recorded {@code agi_*} header block
 * byte for byte (bare LF, empty values keep their space, blank line at the end), then answers every command as
 * res_agi does (the simulator's {@link AsteriskAgiChannel}; {@code CALLERID(num)} from the header) until the server
 * closes the socket. Records the variables the server set.
 */
final class AsteriskAgiReplay {
  final Map<String, String> variables;
  final List<String> commands;

  private AsteriskAgiReplay(AsteriskAgiChannel channel) {
    this.variables = channel.variablesSet();
    this.commands = channel.commands();
  }

  static AsteriskAgiReplay run(Path recordedIn, int port) throws IOException {
    return send(headerBlock(Files.readAllBytes(recordedIn)), port);
  }

  /**
   * Sends {@code header} as the request head (whatever its bytes) and answers commands until the server closes; a
   * reset or broken pipe counts as the close. A server that answers nothing for 10 s fails it (a timeout).
   */
  static AsteriskAgiReplay send(byte[] header, int port) throws IOException {
    AsteriskAgiChannel channel = new AsteriskAgiChannel(
        Map.of("CALLERID(num)", headerValue(header, "agi_callerid")), List.of());
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      try {
        out.write(header);
        out.flush();
        String line;
        while ((line = readLine(in)) != null) {
          out.write(channel.answer(line).getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      } catch (java.net.SocketException closed) {
        // the server closed first (a refused head it stopped reading): what it sent until then is the answer
      }
    }
    return new AsteriskAgiReplay(channel);
  }

  /** The recorded bytes up to and including the blank line that ends the environment. */
  static byte[] headerBlock(byte[] recorded) {
    for (int i = 1; i < recorded.length; i++) {
      if (recorded[i] == '\n' && recorded[i - 1] == '\n') {
        byte[] header = new byte[i + 1];
        System.arraycopy(recorded, 0, header, 0, i + 1);
        return header;
      }
    }
    throw new IllegalArgumentException("no blank line ending the agi_* environment");
  }

  static String headerValue(byte[] header, String key) {
    for (String line : new String(header, StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith(key + ": ")) {
        return line.substring(key.length() + 2);
      }
    }
    return "";
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return line.size() > 0 ? line.toString(StandardCharsets.UTF_8) : null;
  }
}
