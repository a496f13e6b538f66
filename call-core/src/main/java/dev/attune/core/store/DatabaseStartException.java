package dev.attune.core.store;

/** The node cannot use its database; the message is one paragraph for the operator, naming db.url, never a password. */
public final class DatabaseStartException extends RuntimeException {
  public DatabaseStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
