package dev.attune.bridge.ami;

import java.io.IOException;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * Asterisk-Java's manager connection (login, actions, its reader thread and reconnects) reading the PBX through
 * {@link GuardedAmiSocket}: {@code createSocket} is the hook Asterisk-Java offers for its transport.
 */
final class GuardedManagerConnection extends ManagerConnectionImpl {
  private final String host;
  private final int port;
  private final int readTimeoutMs;
  private final AmiFrameCheck check;

  GuardedManagerConnection(String host, int port, String username, String secret, int readTimeoutMs,
      AmiFrameCheck check) {
    this.host = host;
    this.port = port;
    this.readTimeoutMs = readTimeoutMs;
    this.check = check;
    setHostname(host);
    setPort(port);
    setUsername(username);
    setPassword(secret);
    setSocketReadTimeout(readTimeoutMs);
  }

  @Override
  protected SocketConnectionFacade createSocket() throws IOException {
    return new GuardedAmiSocket(host, port, CONNECT_TIMEOUT_MS, readTimeoutMs, check);
  }

  /** Asterisk-Java's default is the OS's (minutes on Linux when the host is gone); reconnects retry anyway. */
  private static final int CONNECT_TIMEOUT_MS = 5000;
}
