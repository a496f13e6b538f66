package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the web edge answers besides the happy path, over a raw socket so that requests a well-behaved client would
 * never send (bad escapes, huge headers, wrong methods) get through: every error is JSON {@code {error, message}},
 * API answers are never cached, and pages and scripts are revalidated so an upgrade reaches every browser.
 */
class EdgeResponsesTest {
  private static TestCluster cluster;
  private static AttuneNode node;
  private static String supervisor;

  @BeforeAll
  static void startNode() throws Exception {
    cluster = new TestCluster();
    Map<String, String> env = new java.util.HashMap<>(cluster.environment());
    env.put("ATTUNE_ASSIST_ANALYZE_PER_SECOND", "0.01"); // one request, then the next in 100 s
    env.put("ATTUNE_ASSIST_TRANSCRIPTS_PER_SECOND", "0.01");
    node = cluster.startNode(env);
    supervisor = new Http(node.httpPort()).login("sue", TestCluster.PASSWORD);
  }

  @AfterAll
  static void stopNode() throws Exception {
    cluster.close();
  }

  @Test
  void aBadEscapeInThePathIsAJson400() throws Exception {
    Raw r = send("GET /api/customers/%zz HTTP/1.1\r\nAuthorization: Bearer " + supervisor + "\r\n");
    assertJsonError(r, 400);
  }

  @Test
  void aHugeHeaderIsAJson431() throws Exception {
    Raw r = send("GET /api/calls HTTP/1.1\r\nX-Padding: " + "a".repeat(100_000) + "\r\n");
    assertJsonError(r, 431);
  }

  @Test
  void aHugeRequestLineIsAJson414() throws Exception {
    Raw r = send("GET /api/customers/" + "1".repeat(10_000) + " HTTP/1.1\r\n");
    assertJsonError(r, 414);
  }

  @Test
  void garbageInsteadOfARequestIsAJson400() throws Exception {
    Raw r = send("NOT AN HTTP REQUEST\r\n");
    assertJsonError(r, 400);
  }

  @Test
  void theWrongMethodOnAnApiRouteIsAJson405AndAnUnknownRouteA404() throws Exception {
    Raw wrongMethod = send("GET /api/login HTTP/1.1\r\n");
    assertJsonError(wrongMethod, 405);
    Raw deleteCalls = send("DELETE /api/calls HTTP/1.1\r\nAuthorization: Bearer " + supervisor + "\r\n");
    assertJsonError(deleteCalls, 405);
    Raw unknown = send("GET /api/no-such-thing HTTP/1.1\r\nAuthorization: Bearer " + supervisor + "\r\n");
    assertJsonError(unknown, 404);
  }

  @Test
  void aBodyOverTheLimitIsAJson413() throws Exception {
    String body = "{\"username\":\"" + "x".repeat(70_000) + "\",\"password\":\"p\"}";
    Raw r = send("POST /api/login HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length() + "\r\n", body);
    assertJsonError(r, 413);
  }

  @Test
  void apiAnswersAreNeverStoredAndPagesAndScriptsAreRevalidated() throws Exception {
    Raw calls = send("GET /api/calls HTTP/1.1\r\nAuthorization: Bearer " + supervisor + "\r\n");
    assertThat(calls.status()).isEqualTo(200);
    assertThat(calls.header("cache-control")).isEqualTo("no-store");
    Raw refused = send("GET /api/calls HTTP/1.1\r\n");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("cache-control")).isEqualTo("no-store");
    for (String asset : new String[] {"/", "/index.html", "/agent.html", "/app.css", "/js/common.js"}) {
      Raw page = send("GET " + asset + " HTTP/1.1\r\n");
      assertThat(page.status()).as(asset).isEqualTo(200);
      assertThat(page.header("cache-control")).as(asset).isEqualTo("no-cache");
    }
  }

  @Test
  void pagesMayConnectOnlyToTheirOwnOrigin() throws Exception {
    Raw page = send("GET / HTTP/1.1\r\n");
    String policy = page.header("content-security-policy");
    assertThat(policy).contains("connect-src 'self'").doesNotContain("ws:").doesNotContain("wss:");
  }

  @Test
  void analysisIsLimitedPerUserWith429AndRetryAfter() {
    Http http = new Http(node.httpPort());
    String ann = http.login("ann", TestCluster.PASSWORD);
    String utterance = new JsonObject().put("text", "that is not our problem").put("party", "agent").encode();
    assertThat(http.post("/api/assist/analyze", ann, utterance).status()).isEqualTo(200);
    Http.Response limited = http.post("/api/assist/analyze", ann, utterance);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().getInteger("error")).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 100L));
    String bob = http.login("bob", TestCluster.PASSWORD);
    assertThat(http.post("/api/assist/analyze", bob, utterance).status()).as("another user").isEqualTo(200);
  }

  @Test
  void transcriptSegmentsAreLimitedPerUser() {
    Http http = new Http(node.httpPort());
    String ada = http.login("ada", TestCluster.PASSWORD);
    String segment = new JsonObject().put("party", "customer").put("text", "hello").encode();
    assertThat(http.post("/api/calls/pbx:none.1/transcript", ada, segment).status()).as("no such call").isEqualTo(404);
    Http.Response limited = http.post("/api/calls/pbx:none.1/transcript", ada, segment);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
  }

  private static void assertJsonError(Raw r, int status) {
    assertThat(r.status()).as(r.head()).isEqualTo(status);
    assertThat(r.header("content-type")).as(r.head()).startsWith("application/json");
    JsonObject json = new JsonObject(r.body());
    assertThat(json.getInteger("error")).isEqualTo(status);
    assertThat(json.getString("message")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
  }

  /** One response read off the wire: status line, headers (lower-case names), body. */
  private record Raw(String head, int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name);
    }
  }

  private static Raw send(String requestHead) throws Exception {
    return send(requestHead, "");
  }

  private static Raw send(String requestHead, String body) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", node.httpPort()), 5000);
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write((requestHead + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n" + body)
          .getBytes(StandardCharsets.UTF_8));
      return parse(socket.getInputStream());
    }
  }

  /** Reads one response; with {@code Connection: close} the server may also close before the whole request is read. */
  private static Raw parse(InputStream in) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // the server answered and closed while we were still sending: what it answered is already read
    }
    String text = all.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    assertThat(end).as("a complete response head in: " + text).isPositive();
    String head = text.substring(0, end);
    String[] lines = head.split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String rest = text.substring(end + 4);
    String body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? unchunk(rest) : rest;
    return new Raw(head, Integer.parseInt(lines[0].split(" ")[1]), headers, body);
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }
}
