package dev.attune.assist.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a bearer token must say to be honoured, signature aside (issue 17: tokens were too loose). */
class AccessTokensTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private final Vertx vertx = Vertx.vertx();
  private final java.util.Map<String, UserAccount> accounts = new java.util.concurrent.ConcurrentHashMap<>(
      java.util.Map.of("ann", new UserAccount("ann", "x", Role.AGENT, "PJSIP/agent101")));
  private final AccessTokens tokens = new AccessTokens(vertx, SECRET, 60,
      name -> java.util.Optional.ofNullable(accounts.get(name)));
  /** Signs whatever claims a test wants, with the node's own key: only the claims differ from a real token. */
  private final JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static JsonObject agent() {
    return new JsonObject().put("sub", "ann").put("role", "agent").put("agent", "PJSIP/agent101");
  }

  @Test
  void anIssuedTokenSaysWhenItEndsSoTheWebSocketCanCloseThen() throws Exception {
    String token = tokens.issue(new UserAccount("ann", "x", Role.AGENT, "PJSIP/agent101"));
    AccessTokens.Authenticated auth = tokens.verify(token).await(10, TimeUnit.SECONDS);
    assertThat(auth.viewer().agent()).isEqualTo("PJSIP/agent101");
    assertThat(auth.expiresAt()).as("the close timer needs it").isNotNull()
        .isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
  }

  @Test
  void aTokenWithoutExpiryOrWithAStringOrAFarExpiryIsRefusedWith401() throws Exception {
    String noExp = signer.generateToken(agent(), new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));
    String stringExp = signer.generateToken(agent().put("exp", "tomorrow"),
        new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));
    String years = signer.generateToken(agent(), new JWTOptions().setAlgorithm("HS256")
        .setExpiresInMinutes(60 * 24 * 365));
    for (String token : new String[] {noExp, stringExp, years}) {
      Throwable refused = refusal(tokens.verify(token));
      assertThat(refused).isInstanceOf(ApiError.class);
      assertThat(((ApiError) refused).status()).isEqualTo(401);
    }
  }

  @Test
  void aRemovedAccountIsRefusedAndAChangedOneSeenAsItIsNow() throws Exception {
    String token = tokens.issue(accounts.get("ann"));
    accounts.put("ann", new UserAccount("ann", "x", Role.AGENT, "PJSIP/agent109")); // moved to another phone
    assertThat(tokens.verify(token).await(10, TimeUnit.SECONDS).viewer().agent()).isEqualTo("PJSIP/agent109");
    accounts.remove("ann");
    Throwable refused = refusal(tokens.verify(token));
    assertThat(((ApiError) refused).status()).isEqualTo(401);
    assertThat(refused.getMessage()).contains("no longer exists");
  }

  private static Throwable refusal(Future<?> verified) throws Exception {
    return verified.transform(ar -> Future.succeededFuture(ar.cause())).await(10, TimeUnit.SECONDS);
  }
}
