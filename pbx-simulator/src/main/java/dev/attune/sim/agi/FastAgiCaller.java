package dev.attune.sim.agi;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to a FastAGI server as res_agi does for {@code AGI(agi://host:port/script)}: sends the {@code agi_*}
 * environment, then answers each command line through an {@link AsteriskAgiChannel}, until the server closes the
 * socket (the script is done). Non-blocking; callbacks run on the Vert.x context that called {@link #call}.
 */
public final class FastAgiCaller {
  private static final Logger log = LoggerFactory.getLogger(FastAgiCaller.class);
  /** A script that never lets go: Asterisk would wait, the simulator gives up so the call can end. */
  private static final long SESSION_LIMIT_MS = 120_000;

  private final Vertx vertx;
  private final NetClient client;

  public FastAgiCaller(Vertx vertx) {
    this.vertx = vertx;
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2_000));
  }

  /**
   * Runs one session. {@code paced}: reply after as long as a real caller would take (prompts play, the caller
   * thinks or waits out the timeout); otherwise at once. Completes with the channel when the server hangs up the
   * socket; fails when it cannot be reached (the dialplan then goes on with {@code AGISTATUS=FAILURE}).
   */
  public Future<AsteriskAgiChannel> call(String host, int port, AgiEnvironment environment,
                                         AsteriskAgiChannel channel, boolean paced) {
    return client.connect(port, host).compose(socket -> session(socket, environment, channel, paced));
  }

  private Future<AsteriskAgiChannel> session(NetSocket socket, AgiEnvironment environment,
                                             AsteriskAgiChannel channel, boolean paced) {
    Promise<AsteriskAgiChannel> done = Promise.promise();
    long limit = vertx.setTimer(SESSION_LIMIT_MS, t -> {
      log.warn("FastAGI {} uniqueid={}: the server kept the session open for {} s; closing it",
          environment.request(), environment.uniqueid(), SESSION_LIMIT_MS / 1000);
      socket.close();
    });
    RecordParser lines = RecordParser.newDelimited("\n", socket);
    lines.handler(line -> {
      String command = line.toString(StandardCharsets.UTF_8);
      long delay = paced ? Math.round(channel.secondsToAnswer(command) * 1000) : 0;
      String reply = channel.answer(command); // decided now, so the order of the keys is the order of the prompts
      if (delay <= 0) {
        socket.write(Buffer.buffer(reply));
      } else {
        vertx.setTimer(delay, t -> socket.write(Buffer.buffer(reply)));
      }
    });
    socket.closeHandler(v -> {
      vertx.cancelTimer(limit);
      done.tryComplete(channel);
    });
    socket.exceptionHandler(e -> log.debug("FastAGI {}: {}", environment.request(), e.toString()));
    socket.write(Buffer.buffer(environment.toWire()));
    return done.future();
  }

  public Future<Void> close() {
    return client.close();
  }
}
