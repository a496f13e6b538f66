package dev.attune.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client against one node, so the tests use the API exactly as a browser or script does. */
final class Http {
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  record Response(int status, String body, java.net.http.HttpHeaders headers) {
    JsonObject json() {
      return new JsonObject(body);
    }

    JsonArray array() {
      return new JsonArray(body);
    }
  }

  /**
   * Waits until the node's sentence models are loaded and its packs' examples embedded ({@code
   * attune_guidance_recall_ready} 1): before, a live segment waits behind that and is checked by the rules alone.
   */
  void awaitSentenceModel(Duration within) throws InterruptedException {
    java.util.regex.Pattern ready = java.util.regex.Pattern.compile(
        "(?m)^attune_guidance_recall_ready(?:\\{[^}]*\\})? ([0-9.eE+]+)$");
    Eventually.await("the sentence models loaded", within, () -> get("/metrics", null).body(), body -> {
      java.util.regex.Matcher m = ready.matcher(body);
      return m.find() && Double.parseDouble(m.group(1)) == 1;
    });
  }

  Response get(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  Response post(String path, String token, String body) {
    return send("POST", path, token, "application/json", body);
  }

  /** A CSV (or other text) body, as the profile import takes it. */
  Response postText(String path, String token, String body) {
    return send("POST", path, token, "text/csv", body);
  }

  /** A body of raw bytes, which need not be valid UTF-8 (as a broken client's need not). */
  Response postBytes(String path, String token, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  Response put(String path, String token, String body) {
    return send("PUT", path, token, "application/json", body);
  }

  private Response send(String method, String path, String token, String contentType, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  String login(String username, String password) {
    Response r = post("/api/login", null, new JsonObject().put("username", username).put("password", password).encode());
    if (r.status() != 200) {
      throw new AssertionError("login " + username + " failed: " + r.status() + " " + r.body());
    }
    return r.json().getString("token");
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
