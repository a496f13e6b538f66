package dev.attune.assist.web;

/**
 * A request the API refuses, with the HTTP status that says why. Handlers throw it (or pass it to
 * {@code ctx.fail}); {@link ApiFailureHandler} turns it into {@code {"error": status, "message": ...}}.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final long retryAfterSeconds;

  private ApiError(int status, String message) {
    this(status, message, 0);
  }

  private ApiError(int status, String message, long retryAfterSeconds) {
    super(message, null, false, false); // an expected outcome, not a bug: no stack trace
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  /** For a 429: when the client may try again (the {@code Retry-After} header); 0 when not said. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, message);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, message);
  }

  public static ApiError conflict(String message) {
    return new ApiError(409, message);
  }

  public static ApiError tooManyRequests(String message, long retryAfterSeconds) {
    return new ApiError(429, message, retryAfterSeconds);
  }

  /** A part the request needs (the PBX, the node that holds its link) cannot serve it now. */
  public static ApiError unavailable(String message) {
    return new ApiError(503, message);
  }
}
