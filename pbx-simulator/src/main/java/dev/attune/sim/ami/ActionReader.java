package dev.attune.sim.ami;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits what an AMI client sends into action messages, as Asterisk's {@code get_input} does: lines end in CRLF or a
 * bare LF, an empty line ends the message, at most 128 headers, over-long lines are dropped with a complaint.
 */
final class ActionReader {
  static final int MAX_HEADERS = 128;
  static final int MAX_LINE = 1025; // Asterisk's input buffer

  private final Consumer<AmiMessage> onMessage;
  private final Consumer<String> onProblem;
  private final StringBuilder line = new StringBuilder();
  private AmiMessage current = new AmiMessage();
  private boolean lineTooLong;

  ActionReader(Consumer<AmiMessage> onMessage, Consumer<String> onProblem) {
    this.onMessage = onMessage;
    this.onProblem = onProblem;
  }

  void feed(Buffer data) {
    String text = data.toString(StandardCharsets.UTF_8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        endLine();
      } else if (c != '\r') {
        if (line.length() < MAX_LINE) {
          line.append(c);
        } else {
          lineTooLong = true;
        }
      }
    }
  }

  private void endLine() {
    if (lineTooLong) {
      onProblem.accept("Line too long");
      lineTooLong = false;
      line.setLength(0);
      return;
    }
    String l = line.toString();
    line.setLength(0);
    if (l.isEmpty()) {
      if (current.size() > 0) {
        AmiMessage done = current;
        current = new AmiMessage();
        onMessage.accept(done);
      }
      return;
    }
    int colon = l.indexOf(':');
    if (colon <= 0) {
      return; // Asterisk ignores lines without a header name
    }
    if (current.size() >= MAX_HEADERS) {
      return;
    }
    String value = l.substring(colon + 1).stripLeading();
    current.add(l.substring(0, colon).trim(), value);
  }
}
