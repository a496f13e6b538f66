package dev.attune.core.calls;

/** Which side hung up first. */
public enum EndedBy { CUSTOMER, AGENT, TRANSFER, SYSTEM, UNKNOWN }
