package dev.attune.assist.commitments;

import java.time.ZonedDateTime;

/**
 * When a promise is due. {@code stated} is false when the words named no time and {@code due} is the
 * configured default: the agent is then asked to agree a concrete time with the customer.
 * {@code matched} is the phrase that set the time (empty when not stated).
 */
public record Deadline(ZonedDateTime due, boolean stated, String matched) {}
