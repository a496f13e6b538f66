package dev.attune.assist.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/login {"username","password"}} → {@code {"token","role","username","agent","timeZone"}}: the
 * center's zone, in which the screens write every date and time (an agent working from elsewhere reads the same
 * clock as the customer they promised).
 * A wrong password and an unknown user get the same 401 after the same amount of hashing work, so the answer does
 * not reveal which usernames exist; repeated failures from one address are throttled ({@link LoginThrottle}).
 * Hashing is deliberately slow, so it runs on a worker thread.
 */
public final class LoginRoutes {
  private static final Logger log = LoggerFactory.getLogger(LoginRoutes.class);
  /** Compared against when the user is unknown, so both failures cost the same. */
  private static final String DECOY_HASH = PasswordHash.hash("decoy".toCharArray());

  private final Vertx vertx;
  private final UserDirectory users;
  private final AccessTokens tokens;
  private final LoginThrottle throttle = new LoginThrottle(java.time.Clock.systemUTC());
  private final ZoneId centerZone;

  public LoginRoutes(Vertx vertx, UserDirectory users, AccessTokens tokens, ZoneId centerZone) {
    this.vertx = vertx;
    this.users = users;
    this.tokens = tokens;
    this.centerZone = centerZone;
  }

  public void login(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx, "{\"username\": ..., \"password\": ...}"); // [1,2,3] or "text": 400
    Object rawUser = body.getValue("username");
    Object rawPassword = body.getValue("password");
    if (!(rawUser instanceof String name) || !(rawPassword instanceof String secret) || name.isBlank()) {
      throw ApiError.badRequest("username and password must be non-empty strings");
    }
    String username = name.trim();
    String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    long wait = throttle.admit(username, address);
    if (wait > 0) {
      throw ApiError.tooManyRequests("too many failed sign-ins from this address; try again in " + wait + " s", wait);
    }
    Optional<UserAccount> account = users.find(username);
    vertx.executeBlocking(() -> PasswordHash.matches(secret.toCharArray(),
            account.map(UserAccount::passwordHash).orElse(DECOY_HASH)) && account.isPresent(), false)
        .onFailure(ctx::fail) // counted as a failed attempt: it was admitted and is not given back
        .onSuccess(ok -> {
          if (!ok) {
            log.info("login refused username={} from={}", printable(username), address);
            ctx.fail(ApiError.unauthorized("wrong username or password"));
            return;
          }
          UserAccount user = account.get();
          throttle.succeeded(username, address);
          log.info("login username={} role={}", user.username(), user.role());
          ctx.json(new JsonObject()
              .put("token", tokens.issue(user))
              .put("role", user.role().name().toLowerCase(Locale.ROOT))
              .put("username", user.username())
              .put("agent", user.agent())
              .put("timeZone", centerZone.getId()));
        });
  }

  /** A username as typed by anyone: cut short and stripped of control characters before it reaches a log line. */
  private static String printable(String username) {
    String cut = username.length() > 64 ? username.substring(0, 64) + "…" : username;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
