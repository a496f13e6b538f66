package dev.attune.assist.transcripts;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Speaks the FunASR runtime's real-time WebSocket protocol as {@code funasr-wss-server-2pass} does
 * ({@code runtime/docs/websocket_protocol.md}, {@code websocket-server-2pass.cpp}): a JSON config first, binary PCM,
 * {@code {"is_speaking": false}} at the end; answers only when it has text, with the real server's fields; the
 * answer to the end marker has {@code is_final: true}; it never closes a stream itself.
 * What it "hears" is a script per session: answers sent once the session's audio passes a byte count.
 */
final class FakeFunAsrServer {
  /** An answer sent once the session has received {@code atBytes} of audio ({@code -1}: the end marker's answer). */
  record Scripted(long atBytes, JsonObject answer) {}

  private final List<List<Scripted>> scripts;
  private final long dropFirstSessionAtBytes;
  private final boolean silent;
  private final HttpServer server;
  /** Per session, in order: text messages as they are, binary ones as {@code bytes:N}. */
  final List<List<String>> received = new CopyOnWriteArrayList<>();
  final AtomicInteger closes = new AtomicInteger();
  private final Map<Integer, Long> sessionBytes = new ConcurrentHashMap<>();

  private FakeFunAsrServer(Vertx vertx, List<List<Scripted>> scripts, long dropFirstSessionAtBytes, boolean silent)
      throws Exception {
    this.scripts = scripts;
    this.dropFirstSessionAtBytes = dropFirstSessionAtBytes;
    this.silent = silent;
    this.server = vertx.createHttpServer().webSocketHandler(this::session).listen(0, "127.0.0.1")
        .await(5, TimeUnit.SECONDS);
  }

  /** Answers each session from its script; the first session's connection drops at {@code dropAt} bytes (-1: never). */
  static FakeFunAsrServer scripted(Vertx vertx, long dropAt, List<List<Scripted>> scripts) throws Exception {
    return new FakeFunAsrServer(vertx, scripts, dropAt, false);
  }

  /** Accepts the WebSocket and reads everything, and never answers anything. */
  static FakeFunAsrServer silent(Vertx vertx) throws Exception {
    return new FakeFunAsrServer(vertx, List.of(), -1, true);
  }

  String url() {
    return "ws://127.0.0.1:" + server.actualPort() + "/";
  }

  long bytesOfSession(int session) {
    return sessionBytes.getOrDefault(session, 0L);
  }

  static JsonObject online(String text, String wavName) {
    return answer("2pass-online", text, wavName, false);
  }

  static JsonObject offline(String text, String wavName, long startMs, long endMs, boolean isFinal) {
    return answer("2pass-offline", text, wavName, isFinal).put("start_time", startMs).put("end_time", endMs);
  }

  private static JsonObject answer(String mode, String text, String wavName, boolean isFinal) {
    return new JsonObject().put("is_final", isFinal).put("mode", mode).put("text", text).put("timestamp", "")
        .put("wav_name", wavName);
  }

  private void session(ServerWebSocket ws) {
    int session = received.size();
    List<String> got = new CopyOnWriteArrayList<>();
    received.add(got);
    List<Scripted> script = new ArrayList<>(session < scripts.size() ? scripts.get(session) : List.of());
    long[] bytes = {0};
    ws.textMessageHandler(text -> {
      got.add(text);
      JsonObject message = new JsonObject(text);
      if (Boolean.FALSE.equals(message.getValue("is_speaking")) && !silent) {
        JsonObject last = script.stream().filter(s -> s.atBytes() < 0).map(Scripted::answer).findFirst()
            .orElse(answer("2pass-offline", "", message.getString("wav_name", "wav-default-id"), true));
        ws.writeTextMessage(last.encode());
      }
    });
    ws.binaryMessageHandler(audio -> {
      got.add("bytes:" + audio.length());
      bytes[0] += audio.length();
      sessionBytes.put(session, bytes[0]);
      if (silent) {
        return;
      }
      while (!script.isEmpty() && script.get(0).atBytes() >= 0 && script.get(0).atBytes() <= bytes[0]) {
        ws.writeTextMessage(script.remove(0).answer().encode());
      }
      if (session == 0 && dropFirstSessionAtBytes >= 0 && bytes[0] >= dropFirstSessionAtBytes) {
        ws.close(); // the server restarted
      }
    });
    ws.closeHandler(v -> closes.incrementAndGet());
  }
}
