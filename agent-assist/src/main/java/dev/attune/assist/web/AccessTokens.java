package dev.attune.assist.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Issues and checks the bearer tokens of the API and the WebSocket: JWT HS256 with claims {@code sub} (username),
 * {@code role} and {@code agent}. The signature is the only trust anchor; nothing else about the caller is believed.
 */
public final class AccessTokens {
  private final JWTAuth jwt;
  private final int minutes;
  private final Function<String, Optional<UserAccount>> accounts;

  /**
   * {@code accounts} are the current accounts: a token only proves who signed in; a removed account is refused, and
   * role and agent are the account's now, whatever the token was issued with.
   */
  public AccessTokens(Vertx vertx, String secret, int minutes, Function<String, Optional<UserAccount>> accounts) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException("the JWT secret must have at least 16 characters");
    }
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    this.minutes = minutes;
    this.accounts = accounts;
  }

  public String issue(UserAccount account) {
    JsonObject claims = new JsonObject()
        .put("role", account.role().name().toLowerCase(Locale.ROOT))
        .put("agent", account.agent());
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setSubject(account.username())
        .setExpiresInMinutes(minutes));
  }

  /** The viewer a valid token names; fails with 401 for a missing, forged, expired or malformed token. */
  public Future<Authenticated> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(ApiError.unauthorized("a bearer token is required"));
    }
    Future<User> checked;
    try {
      checked = jwt.authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) { // vertx-auth-jwt throws, rather than fails, on claims of the wrong type
      checked = Future.failedFuture(e);
    }
    return checked.recover(err -> Future.failedFuture(ApiError.unauthorized("invalid or expired token")))
        .compose(this::viewerOf);
  }

  /**
   * Every token must say when it ends, no later than a freshly issued one would (with a minute of clock slack): a
   * token without {@code exp}, or one minted to last for years, is not ours to honour. vertx-auth-jwt 5 keeps the
   * claims it checked under the user's attributes, not in the principal: {@code User.get} looks in both.
   */
  private Future<Authenticated> viewerOf(User user) {
    Object exp = user.get("exp");
    if (!(exp instanceof Number seconds)) {
      return Future.failedFuture(ApiError.unauthorized("token has no valid expiry"));
    }
    Instant expiresAt = Instant.ofEpochSecond(seconds.longValue());
    if (expiresAt.isAfter(Instant.now().plus(Duration.ofMinutes(minutes + 1L)))) {
      return Future.failedFuture(ApiError.unauthorized("token lasts longer than auth.tokenMinutes allows"));
    }
    Object subject = user.principal().getValue("sub");
    if (!(subject instanceof String name) || name.isEmpty()) {
      return Future.failedFuture(ApiError.unauthorized("token has no subject"));
    }
    Optional<UserAccount> account = accounts.apply(name);
    if (account.isEmpty()) {
      return Future.failedFuture(ApiError.unauthorized("the account of this token no longer exists"));
    }
    UserAccount now = account.get();
    String agent = now.agent() == null ? "" : now.agent();
    if (now.role() == Role.AGENT && agent.isEmpty()) {
      return Future.failedFuture(ApiError.unauthorized("agent account names no agent"));
    }
    return Future.succeededFuture(new Authenticated(new Viewer(name, now.role(), agent), expiresAt));
  }

  /** A verified viewer and when their token stops being valid (the WebSocket closes then). */
  public record Authenticated(Viewer viewer, Instant expiresAt) {}
}
