package dev.attune.bridge.ami;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * The TCP connection to the PBX as Asterisk-Java's reader sees it, framed here first: bytes are split into lines and
 * lines into messages (a blank line ends one), each message is judged by {@link AmiFrameCheck}, and only messages
 * that pass are handed to Asterisk-Java, line by line, in the order they came. So the AMI text is read once, in the
 * reader thread Asterisk-Java already has, with no relay between. A line over {@value #MAX_LINE} bytes or a message
 * over {@value #MAX_MESSAGE} bytes is dropped without being held in memory; a message cut off by the connection ending
 * is counted as truncated.
 */
final class GuardedAmiSocket implements SocketConnectionFacade {
  static final int MAX_LINE = 8192;
  static final int MAX_MESSAGE = 256 * 1024;

  private final Socket socket;
  private final InputStream in;
  private final BufferedWriter writer;
  private final AmiFrameCheck check;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private byte[] line = new byte[256];
  private int lineLength;
  /** Lines of checked messages not yet read by Asterisk-Java, each message followed by its blank line. */
  private final ArrayDeque<String> ready = new ArrayDeque<>();
  private boolean bannerSeen;

  GuardedAmiSocket(String host, int port, int connectTimeoutMs, int readTimeoutMs, AmiFrameCheck check)
      throws IOException {
    this.check = check;
    socket = new Socket();
    socket.setSoTimeout(readTimeoutMs); // a half-open link ends the read instead of hanging it
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), connectTimeoutMs);
    in = socket.getInputStream();
    writer = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
  }

  @Override
  public String readLine() throws IOException {
    while (ready.isEmpty()) {
      readMessage();
    }
    return ready.poll();
  }

  /** Reads the banner, or one whole message and queues it if it passes the check. */
  private void readMessage() throws IOException {
    if (!bannerSeen) { // "Asterisk Call Manager/9.0.0": one line, no blank line after it
      if (!nextLine()) {
        throw new IOException("the PBX closed the AMI connection before its banner");
      }
      bannerSeen = true;
      ready.add(text());
      return;
    }
    List<String> lines = new ArrayList<>();
    String problem = null;
    String detail = null;
    long bytes = 0;
    while (true) {
      if (!nextLine()) {
        if (!lines.isEmpty() || problem != null) {
          check.malformed("truncated", bytes + " bytes of an unfinished message when the link closed");
        }
        throw new IOException("the PBX closed the AMI connection");
      }
      if (lineLength == 0) {
        if (lines.isEmpty() && problem == null) {
          continue; // blank lines between messages
        }
        break;
      }
      bytes += lineLength + 2;
      if (problem != null) {
        continue; // the rest of a message already dropped
      }
      if (lineLength > MAX_LINE) {
        problem = "line-too-long";
        detail = "a line of more than " + MAX_LINE + " bytes";
      } else if (bytes > MAX_MESSAGE) {
        problem = "message-too-large";
        detail = "more than " + MAX_MESSAGE + " bytes in one message";
      } else if (lines.size() > AmiFrameCheck.MAX_HEADERS) {
        problem = "too-many-headers";
        detail = "more than " + AmiFrameCheck.MAX_HEADERS + " headers (Asterisk sends at most that many)";
      } else {
        lines.add(text());
      }
    }
    if (problem != null) {
      check.malformed(problem, detail);
      return;
    }
    List<String> passed = check.check(lines);
    if (passed != null) {
      ready.addAll(passed);
      ready.add("");
    }
  }

  /**
   * Reads up to the next LF into {@link #line} (without CR LF); false at the end of the stream. A line longer than
   * {@link #MAX_LINE} keeps only its length: its bytes are skipped, not held.
   */
  private boolean nextLine() throws IOException {
    lineLength = 0;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return false;
        }
      }
      byte b = buffer[position++];
      if (b == '\n') {
        if (lineLength > 0 && lineLength <= MAX_LINE && line[lineLength - 1] == '\r') {
          lineLength--;
        }
        return true;
      }
      if (lineLength < MAX_LINE + 1) {
        if (lineLength == line.length) {
          line = Arrays.copyOf(line, Math.min(line.length * 2, MAX_LINE + 1));
        }
        line[lineLength] = b;
      }
      lineLength++;
    }
  }

  private String text() {
    return new String(line, 0, lineLength, StandardCharsets.UTF_8);
  }

  @Override
  public void write(String s) throws IOException {
    writer.write(s);
  }

  @Override
  public void flush() throws IOException {
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  @Override
  public boolean isConnected() {
    return socket.isConnected();
  }

  @Override
  public InetAddress getLocalAddress() {
    return socket.getLocalAddress();
  }

  @Override
  public int getLocalPort() {
    return socket.getLocalPort();
  }

  @Override
  public InetAddress getRemoteAddress() {
    return socket.getInetAddress();
  }

  @Override
  public int getRemotePort() {
    return socket.getPort();
  }
}
