package dev.attune.core.calls;

/** How ringing one agent ended. */
public enum RingResult { ANSWERED, NO_ANSWER, BUSY, CANCELLED, UNAVAILABLE }
