package dev.attune.sim.ami;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The AMI TCP listener and its sessions; the simulated PBX behind it answers actions and produces events. */
public final class AmiServer {
  /** What the sessions need from the PBX. */
  public interface Pbx {
    Vertx vertx();

    double now();

    long uptimeSeconds();

    String systemName();

    List<AmiMessage> coreShowChannels(String actionId);

    List<AmiMessage> queueStatus(String actionId, String queue);

    List<AmiMessage> queueSummary(String actionId);

    List<AmiMessage> bridgeList(String actionId);

    /** Any other action (Originate, Hangup, QueuePause...); null if unknown. */
    AmiMessage action(AmiMessage action);

    void clientLoggedIn();
  }

  private final Pbx pbx;
  private final String username;
  private final String secret;
  private final List<AmiSession> sessions = new CopyOnWriteArrayList<>();
  private NetServer server;
  private final AtomicInteger mostAtOnce = new AtomicInteger();

  public AmiServer(Pbx pbx, String username, String secret) {
    this.pbx = pbx;
    this.username = username;
    this.secret = secret;
  }

  public Future<Integer> listen(String host, int port) {
    server = pbx.vertx().createNetServer();
    server.connectHandler(socket -> sessions.add(new AmiSession(socket, this, username, secret)));
    return server.listen(port, host).map(NetServer::actualPort);
  }

  Pbx pbx() {
    return pbx;
  }

  void sessionLoggedIn(AmiSession session) {
    mostAtOnce.accumulateAndGet((int) sessions.stream().filter(AmiSession::authenticated).count(), Math::max);
    pbx.clientLoggedIn();
  }

  /** The most clients ever logged in at the same time (a cluster should only ever hold one session). */
  public int mostLoggedInAtOnce() {
    return mostAtOnce.get();
  }

  void sessionClosed(AmiSession session) {
    sessions.remove(session);
  }

  public boolean anyLoggedIn() {
    return sessions.stream().anyMatch(AmiSession::authenticated);
  }

  public void broadcast(AmiMessage event) {
    for (AmiSession s : sessions) {
      s.sendEvent(event);
    }
  }

  public void broadcastRaw(Buffer bytes) {
    for (AmiSession s : sessions) {
      if (s.authenticated()) {
        s.sendRaw(bytes);
      }
    }
  }

  /** Cuts every client connection without a Goodbye. */
  public void dropAll() {
    sessions.forEach(AmiSession::drop);
    sessions.clear();
  }

  public Future<Void> close() {
    dropAll();
    return server == null ? Future.succeededFuture() : server.close();
  }
}
