package dev.attune.bridge.routing;

import dev.attune.sim.agi.AgiKey;
import dev.attune.sim.agi.AsteriskAgiChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Plays Asterisk's side of {@code AGI(agi://host/survey)} on one channel, over a plain blocking socket: the recorded
 * {@code agi_*} environment of a real session with the script name changed (bare LF, a blank line ending it), then
 * one reply per command from the simulator's {@link AsteriskAgiChannel} (the same replies its FastAGI client gives):
 * {@code GET DATA} answered from the caller's keys, a hang-up as {@code 200 result=-1} then {@code HANGUP}.
 */
final class AsteriskSurveyCaller {
  static final AgiKey SILENCE = AgiKey.SILENCE;
  static final AgiKey HANG_UP = AgiKey.HANG_UP;

  final List<String> commands;
  private final AsteriskAgiChannel channel;

  private AsteriskSurveyCaller(AsteriskAgiChannel channel) {
    this.channel = channel;
    this.commands = channel.commands();
  }

  static AgiKey digit(char d) {
    return AgiKey.digit(d);
  }

  /** Calls {@code port} with the environment of {@code recordedIn} (a route session), asking for {@code survey}. */
  static AsteriskSurveyCaller call(Path recordedIn, int port, String linkedid, List<AgiKey> keys) throws IOException {
    byte[] recorded = AsteriskAgiReplay.headerBlock(Files.readAllBytes(recordedIn));
    String header = new String(recorded, StandardCharsets.UTF_8)
        .replace("agi_network_script: route\n", "agi_network_script: survey\n")
        .replace("/route\n", "/survey\n");
    // no systemname in asterisk.conf: ${SYSTEMNAME} substitutes to nothing
    AsteriskAgiChannel channel = AsteriskAgiChannel.survey(linkedid,
        AsteriskAgiReplay.headerValue(recorded, "agi_callerid"), "", keys);
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(header.getBytes(StandardCharsets.UTF_8));
      out.flush();
      String line;
      while ((line = AsteriskAgiReplay.readLine(in)) != null) {
        out.write(channel.answer(line).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
    return new AsteriskSurveyCaller(channel);
  }

  /** The sound files the server asked Asterisk to play, in order. */
  List<String> played() {
    return channel.played();
  }
}
