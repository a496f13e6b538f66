package dev.attune.bridge.routing;

import dev.attune.core.net.OncePerSource;
import dev.attune.core.net.SourceGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * Asterisk-Java's FastAGI listening socket with a door: a connection from a host not in {@code fastagi.allowFrom} is
 * closed before a byte is read (routing answers name VIP customers and agents), and every admitted one reads its
 * request through an {@link AgiRequestCheck}.
 */
final class GatedAgiServerSocket implements ServerSocketFacade {
  private final ServerSocketFacade socket;
  private final SourceGate gate;
  private final OncePerSource warned = new OncePerSource();
  private final MeterRegistry registry;

  GatedAgiServerSocket(ServerSocketFacade socket, SourceGate gate, MeterRegistry registry) {
    this.socket = socket;
    this.gate = gate;
    this.registry = registry;
  }

  @Override
  public SocketConnectionFacade accept() throws IOException {
    while (true) {
      SocketConnectionFacade connection = socket.accept();
      if (connection.getRemoteAddress() != null && gate.admits(connection.getRemoteAddress())) {
        return new AgiRequestCheck(connection, warned, registry);
      }
      connection.close();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  @Override
  public void setSocketReadTimeout(int socketReadTimeout) {
    socket.setSocketReadTimeout(socketReadTimeout);
  }
}
