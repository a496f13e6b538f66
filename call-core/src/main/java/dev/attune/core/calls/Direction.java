package dev.attune.core.calls;

/** Who started the contact. */
public enum Direction { INBOUND, OUTBOUND }
