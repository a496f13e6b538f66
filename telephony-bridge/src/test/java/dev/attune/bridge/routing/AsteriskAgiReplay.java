package dev.attune.bridge.routing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Speaks to a FastAGI server as Asterisk did in a recorded session: sends the recorded {@code agi_*} header block
 * byte for byte (bare LF, empty values keep their space, blank line at the end), then answers every command with
 * {@code 200 result=...} until the server closes the socket. Records the variables the server set.
 */
final class AsteriskAgiReplay {
  final Map<String, String> variables = new LinkedHashMap<>();
  final List<String> commands = new ArrayList<>();

  static AsteriskAgiReplay run(Path recordedIn, int port) throws IOException {
    AsteriskAgiReplay replay = new AsteriskAgiReplay();
    byte[] header = headerBlock(Files.readAllBytes(recordedIn));
    String callerId = headerValue(header, "agi_callerid");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(header);
      out.flush();
      String line;
      while ((line = readLine(in)) != null) {
        replay.commands.add(line);
        out.write((replay.answer(line, callerId) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
    return replay;
  }

  private String answer(String command, String callerId) {
    List<String> words = words(command);
    if (words.size() >= 4 && words.get(0).equals("SET") && words.get(1).equals("VARIABLE")) {
      variables.put(words.get(2), words.get(3));
      return "200 result=1";
    }
    if (words.size() >= 3 && words.get(0).equals("GET") && words.get(1).equals("VARIABLE")) {
      String name = words.get(2);
      if (name.equals("CALLERID(num)")) {
        return "200 result=1 (" + callerId + ")";
      }
      return variables.containsKey(name) ? "200 result=1 (" + variables.get(name) + ")" : "200 result=0";
    }
    return "200 result=1";
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

  /** AGI command words; double-quoted words may hold spaces and backslash escapes. */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quoted && c == '\\' && i + 1 < command.length()) {
        word.append(command.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        inWord = true;
      } else if (c == ' ' && !quoted) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
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
