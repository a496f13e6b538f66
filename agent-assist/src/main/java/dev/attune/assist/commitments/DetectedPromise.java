package dev.attune.assist.commitments;

/** A follow-up the agent promised, with its deadline; {@code cue} is the phrase that made it a promise. */
public record DetectedPromise(String text, String lang, String cue, Deadline deadline) {}
