package dev.attune.bridge.ami;

import dev.attune.core.config.AttuneConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Asterisk-Java {@link ManagerConnection} (Challenge/MD5 login, socket read timeout so a half-open link is
 * noticed, Asterisk-Java's own reconnect) that reads the PBX through {@link GuardedAmiSocket}, in-process. Its listener runs on Asterisk-Java's single event-pump thread, so it only
 * hands each event to our Vert.x context: blocking it, or sending a synchronous action from it, would stall or
 * deadlock the pump that also delivers responses.
 */
public final class AmiLink {
  private static final Logger log = LoggerFactory.getLogger(AmiLink.class);

  private final Vertx vertx;
  private final Context context;
  private final AttuneConfig.Ami config;
  /** The PBX as the operator configured it, {@code host:port}, for the log and /health. */
  private final String pbx;
  private final AmiFrameCheck check;
  private ManagerConnection connection;
  private volatile boolean closing;
  /** Why the link is not up, for /health and the log; null while it is. */
  private volatile String problem = "not logged in yet";

  public AmiLink(Vertx vertx, Context context, AttuneConfig.Ami config, MeterRegistry registry) {
    this.vertx = vertx;
    this.context = context;
    this.config = config;
    this.pbx = config.host() + ":" + config.port();
    this.check = new AmiFrameCheck(registry, pbx);
  }

  /** Why the AMI link is down (e.g. the PBX refused the login), or null while it is up. */
  public String problem() {
    return connected() ? null : problem;
  }

  /** Logs in, retrying every few seconds until it succeeds or {@link #close()} is called. Events go to {@code onEvent}. */
  public Future<Void> open(Consumer<ManagerEvent> onEvent) {
    connection = new GuardedManagerConnection(config.host(), config.port(), config.username(), config.secret(),
        config.readTimeoutMs(), check);
    connection.addEventListener(event -> context.runOnContext(v -> onEvent.accept(event)));
    Promise<Void> opened = Promise.promise();
    attempt(opened, 1);
    return opened.future();
  }

  private void attempt(Promise<Void> opened, int attempt) {
    vertx.executeBlocking(() -> {
      connection.login("on"); // blocking: a worker thread, never the event loop
      return null;
    }, false).onSuccess(v -> {
      problem = null;
      log.info("AMI link up pbx={} user={}", pbx, config.username());
      opened.complete();
    }).onFailure(err -> {
      if (closing) {
        opened.tryFail(err);
        return;
      }
      long delay = Math.min(RETRY_MAX_MS, 250L * attempt);
      problem = why(err);
      if (attempt == 1 || delay == RETRY_MAX_MS) { // quick retries are quiet; then one line per attempt, 5 s apart
        log.warn("AMI login to pbx={} as user={} failed (attempt {}): {}; retrying in {} s", pbx,
            config.username(), attempt, problem, delay / 1000.0);
      }
      vertx.setTimer(delay, t -> attempt(opened, attempt + 1));
    });
  }

  private static final long RETRY_MAX_MS = 5000;

  /** An operator's reading of a failed login: a refused user or secret is a configuration fix, not a network one. */
  private String why(Throwable err) {
    if (err instanceof AuthenticationFailedException) {
      return "the PBX refused user '" + config.username() + "': check ami.secret (ATTUNE_AMI_SECRET) and the user"
          + " in manager.conf";
    }
    String message = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
    return "cannot reach the PBX (" + message + ")";
  }

  public boolean connected() {
    return connection != null && connection.getState() == ManagerConnectionState.CONNECTED;
  }

  /** A list action (CoreShowChannels, QueueStatus...) with all its events; never blocks the caller's thread. */
  public Future<ResponseEvents> list(EventGeneratingAction action) {
    Promise<ResponseEvents> result = Promise.promise();
    vertx.executeBlocking(() -> {
      connection.sendEventGeneratingAction(action, events -> context.runOnContext(v -> result.tryComplete(events)));
      return null;
    }, false).onFailure(result::tryFail);
    vertx.setTimer(30_000, t -> result.tryFail("no answer to " + action.getAction() + " within 30 s"));
    return result.future();
  }

  /** A plain action; the response arrives on our context. */
  public Future<ManagerResponse> send(ManagerAction action) {
    Promise<ManagerResponse> result = Promise.promise();
    vertx.executeBlocking(() -> {
      connection.sendAction(action, response -> context.runOnContext(v -> result.tryComplete(response)));
      return null;
    }, false).onFailure(result::tryFail);
    vertx.setTimer(30_000, t -> result.tryFail("no answer to " + action.getAction() + " within 30 s"));
    return result.future();
  }

  public Future<Void> close() {
    closing = true;
    if (connection == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      if (connection.getState() == ManagerConnectionState.CONNECTED
          || connection.getState() == ManagerConnectionState.RECONNECTING) {
        connection.logoff();
      }
      return null;
    }, false).mapEmpty();
  }
}
