package dev.attune.core.calls;

/** Blind (REFER / Redirect) or attended (consult first, then join). */
public enum TransferKind { BLIND, ATTENDED }
