package dev.attune.app;

import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A browser's socket as the tests see it: every text frame it got, in order. */
record Screen(WebSocket socket, List<JsonObject> frames) {

  /** Signs in as {@code user} on {@code node}, opens {@code /ws} and waits for the server's hello. */
  static Screen open(WebSocketClient client, AttuneNode node, String user) throws Exception {
    String token = new Http(node.httpPort()).login(user, TestCluster.PASSWORD);
    List<JsonObject> frames = new CopyOnWriteArrayList<>();
    // The handler is set on the socket's own event loop as it opens, so not even the first frame can slip past it.
    WebSocket ws = client.connect(node.httpPort(), "127.0.0.1", "/ws?token=" + token)
        .onSuccess(socket -> socket.textMessageHandler(text -> frames.add(new JsonObject(text))))
        .await(10, TimeUnit.SECONDS);
    Screen screen = new Screen(ws, frames);
    Eventually.await(user + "'s hello", Duration.ofSeconds(20), () -> screen.ofType("hello").size(), n -> n == 1);
    return screen;
  }

  List<JsonObject> ofType(String type) {
    return frames.stream().filter(f -> type.equals(f.getString("type"))).toList();
  }

  List<String> callStates(String callId) {
    return ofType("call").stream().filter(f -> callId.equals(f.getJsonObject("call").getString("id")))
        .map(f -> f.getJsonObject("call").getString("state")).toList();
  }
}
