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
import java.time.Instant;
import java.util.Locale;

/**
 * Issues and checks the bearer tokens of the API and the WebSocket: JWT HS256 with claims {@code sub} (username),
 * {@code role} and {@code agent}. The signature is the only trust anchor; nothing else about the caller is believed.
 */
public final class AccessTokens {
  private final JWTAuth jwt;
  private final int minutes;

  public AccessTokens(Vertx vertx, String secret, int minutes) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException("the JWT secret must have at least 16 characters");
    }
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    this.minutes = minutes;
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
    return jwt.authenticate(new TokenCredentials(token))
        .recover(err -> Future.failedFuture(ApiError.unauthorized("invalid or expired token")))
        .compose(AccessTokens::viewerOf);
  }

  private static Future<Authenticated> viewerOf(User user) {
    JsonObject claims = user.principal();
    String subject = claims.getString("sub", "");
    Role role;
    try {
      role = Role.valueOf(claims.getString("role", "").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ApiError.unauthorized("token has no valid role"));
    }
    if (subject.isEmpty()) {
      return Future.failedFuture(ApiError.unauthorized("token has no subject"));
    }
    String agent = claims.getString("agent", "");
    if (role == Role.AGENT && agent.isEmpty()) {
      return Future.failedFuture(ApiError.unauthorized("agent token names no agent"));
    }
    Long exp = claims.getLong("exp");
    return Future.succeededFuture(new Authenticated(new Viewer(subject, role, agent),
        exp == null ? null : Instant.ofEpochSecond(exp)));
  }

  /** A verified viewer and when their token stops being valid (the WebSocket closes then). */
  public record Authenticated(Viewer viewer, Instant expiresAt) {}
}
