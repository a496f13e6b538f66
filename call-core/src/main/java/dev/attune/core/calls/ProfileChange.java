package dev.attune.core.calls;

import java.time.Instant;
import java.util.List;

/**
 * Who changed what in a customer's profile, and how ({@code via}: {@code api} or {@code csv}); kept in map
 * {@code MapNames.PROFILE_CHANGES} (key {@link #id}), written through, read per customer.
 */
public record ProfileChange(String id, String number, String by, Instant at, String via, List<Field> fields) {
  /** One field's value before and after, as text ({@code ""}: none). */
  public record Field(String name, String before, String after) {}
}
