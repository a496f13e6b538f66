package dev.attune.bridge.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Plays Asterisk's side of {@code AGI(agi://host/survey)} on one channel, as res_agi answers: the recorded
 * {@code agi_*} environment of a real session with the script name changed (bare LF, a blank line ending it), then
 * one reply per command. {@code GET DATA} is answered from the caller's keypad plan: a digit
 * ({@code 200 result=4}), nothing ({@code 200 result= (timeout)}) or a hang-up during the prompt
 * ({@code 200 result=-1}, then the {@code HANGUP} line, then {@code 511} to anything else, as on a dead channel).
 */
final class AsteriskSurveyCaller {
  /** What the caller does while a prompt plays. */
  sealed interface Key permits Digit, Silence, HangUp {}
  record Digit(char digit) implements Key {}
  record Silence() implements Key {}
  record HangUp() implements Key {}

  static Key digit(char d) {
    return new Digit(d);
  }

  static final Key SILENCE = new Silence();
  static final Key HANG_UP = new HangUp();

  final List<String> commands = new ArrayList<>();
  private final Deque<Key> plan;
  private final String linkedid;
  private boolean dead;

  private AsteriskSurveyCaller(List<Key> plan, String linkedid) {
    this.plan = new ArrayDeque<>(plan);
    this.linkedid = linkedid;
  }

  /** Calls {@code port} with the environment of {@code recordedIn} (a route session), asking for {@code survey}. */
  static AsteriskSurveyCaller call(Path recordedIn, int port, String linkedid, List<Key> plan) throws IOException {
    AsteriskSurveyCaller caller = new AsteriskSurveyCaller(plan, linkedid);
    String header = new String(AsteriskAgiReplay.headerBlock(Files.readAllBytes(recordedIn)), StandardCharsets.UTF_8)
        .replace("agi_network_script: route\n", "agi_network_script: survey\n")
        .replace("/route\n", "/survey\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(header.getBytes(StandardCharsets.UTF_8));
      out.flush();
      String line;
      while ((line = AsteriskAgiReplay.readLine(in)) != null) {
        caller.commands.add(line);
        out.write(caller.answer(line).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
    return caller;
  }

  /** The sound files the server asked Asterisk to play, in order. */
  List<String> played() {
    return commands.stream().filter(c -> c.startsWith("GET DATA ") || c.startsWith("STREAM FILE "))
        .map(c -> c.split(" ")[2].replace("\"", "")).toList();
  }

  private String answer(String command) {
    if (dead) {
      return "511 Command Not Permitted on a dead channel or intercepted\n";
    }
    if (command.startsWith("GET VARIABLE CHANNEL(linkedid)")) {
      return "200 result=1 (" + linkedid + ")\n";
    }
    if (command.startsWith("GET FULL VARIABLE")) {
      return "200 result=1 ()\n"; // no systemname in asterisk.conf: it substitutes to nothing
    }
    if (command.startsWith("GET DATA ")) {
      Key key = plan.isEmpty() ? SILENCE : plan.poll();
      if (key instanceof Digit d) {
        return "200 result=" + d.digit() + "\n";
      }
      if (key instanceof HangUp) {
        dead = true;
        return "200 result=-1\nHANGUP\n";
      }
      return "200 result= (timeout)\n";
    }
    if (command.startsWith("STREAM FILE ")) {
      return "200 result=0 endpos=8000\n";
    }
    return "200 result=1\n";
  }
}
