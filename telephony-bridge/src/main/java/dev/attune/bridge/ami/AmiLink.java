package dev.attune.bridge.ami;

import dev.attune.core.config.AttuneConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
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
 * noticed, Asterisk-Java's own reconnect). Its listener runs on Asterisk-Java's single event-pump thread, so it only
 * hands each event to our Vert.x context: blocking it, or sending a synchronous action from it, would stall or
 * deadlock the pump that also delivers responses.
 */
public final class AmiLink {
  private static final Logger log = LoggerFactory.getLogger(AmiLink.class);

  private final Vertx vertx;
  private final Context context;
  private final AttuneConfig.Ami config;
  private ManagerConnection connection;
  private volatile boolean closing;

  public AmiLink(Vertx vertx, Context context, AttuneConfig.Ami config) {
    this.vertx = vertx;
    this.context = context;
    this.config = config;
  }

  /** Logs in, retrying every few seconds until it succeeds or {@link #close()} is called. Events go to {@code onEvent}. */
  public Future<Void> open(Consumer<ManagerEvent> onEvent) {
    connection = new ManagerConnectionFactory(config.host(), config.port(), config.username(), config.secret())
        .createManagerConnection();
    connection.setSocketReadTimeout(config.readTimeoutMs());
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
      log.info("AMI link up host={} port={} user={}", config.host(), config.port(), config.username());
      opened.complete();
    }).onFailure(err -> {
      if (closing) {
        opened.tryFail(err);
        return;
      }
      if (attempt == 1 || attempt % 10 == 0) {
        log.warn("AMI login to {}:{} failed (attempt {}): {}; retrying", config.host(), config.port(), attempt,
            err.toString());
      }
      vertx.setTimer(Math.min(5000, 250L * attempt), t -> attempt(opened, attempt + 1));
    });
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
