package dev.attune.bridge.routing;

import dev.attune.core.metrics.MetricNames;
import dev.attune.core.net.OncePerSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.util.regex.Pattern;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a FastAGI request head ({@code agi_name: value} lines up to an empty one) and lets it through only if it is
 * one. Anything else (a port scanner, a stray HTTP client, a silent socket) ends the request there, as if the peer had
 * hung up, with one warning per source instead of Asterisk-Java's stack trace per connection; the empty request then
 * runs no script. Each refusal is counted in {@code attune.agi.refused{reason}}. After the head, lines pass through
 * untouched (they are replies to our commands).
 */
final class AgiRequestCheck implements SocketConnectionFacade {
  private static final Logger log = LoggerFactory.getLogger(AgiRequestCheck.class);
  private static final Pattern HEAD_LINE = Pattern.compile("agi_[A-Za-z0-9_]+: ?.{0,4096}");
  private static final int MAX_HEAD_LINES = 200; // Asterisk sends about 20, plus agi_arg_N

  private final SocketConnectionFacade connection;
  private final OncePerSource warned;
  private final MeterRegistry registry;
  private int headLines;
  private boolean headDone;

  /** {@code warned} is the server's: which sources it has already warned about. */
  AgiRequestCheck(SocketConnectionFacade connection, OncePerSource warned, MeterRegistry registry) {
    this.connection = connection;
    this.warned = warned;
    this.registry = registry;
  }

  @Override
  public String readLine() throws IOException {
    if (headDone) {
      return connection.readLine();
    }
    String line;
    try {
      line = connection.readLine();
    } catch (IOException e) {
      return refuse("no-request", "no request (" + e.getMessage() + ")");
    }
    if (line == null) { // the peer closed: before a request (a scanner) or in the middle of one
      return refuse(headLines == 0 ? "no-request" : "cut-short",
          headLines == 0 ? "nothing" : "a request head cut short after " + headLines + " lines");
    }
    if (line.isEmpty()) {
      if (headLines == 0) {
        return refuse("empty", "an empty request");
      }
      headDone = true;
      return line;
    }
    if (++headLines > MAX_HEAD_LINES) {
      return refuse("too-long", "a request head of over " + MAX_HEAD_LINES + " lines");
    }
    if (!HEAD_LINE.matcher(line).matches()) {
      return refuse("not-agi", "a line that is not 'agi_name: value'");
    }
    return line;
  }

  private String refuse(String reason, String what) {
    Counter.builder(MetricNames.AGI_REFUSED).tag("reason", reason)
        .description("FastAGI connections closed because they did not send a FastAGI request").register(registry)
        .increment();
    headDone = true;
    String source = String.valueOf(connection.getRemoteAddress() == null ? "?" : connection.getRemoteAddress().getHostAddress());
    if (warned.first(source)) {
      log.warn("FastAGI: closed a connection from {} that sent {}; further ones from there are logged at debug",
          source, what);
    } else {
      log.debug("FastAGI: closed a connection from {} that sent {}", source, what);
    }
    try {
      connection.close();
    } catch (IOException ignored) {
      // closing a broken connection: nothing more to do
    }
    return null;
  }

  @Override
  public void write(String s) throws IOException {
    connection.write(s);
  }

  @Override
  public void flush() throws IOException {
    connection.flush();
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }

  @Override
  public boolean isConnected() {
    return connection.isConnected();
  }

  @Override
  public InetAddress getLocalAddress() {
    return connection.getLocalAddress();
  }

  @Override
  public int getLocalPort() {
    return connection.getLocalPort();
  }

  @Override
  public InetAddress getRemoteAddress() {
    return connection.getRemoteAddress();
  }

  @Override
  public int getRemotePort() {
    return connection.getRemotePort();
  }
}
