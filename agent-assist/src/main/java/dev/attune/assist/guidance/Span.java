package dev.attune.assist.guidance;

/** Units {@code start} (inclusive) to {@code end} (exclusive) of a {@link UnitText}. */
record Span(int start, int end) {
  boolean overlaps(Span other) {
    return start < other.end && other.start < end;
  }
}
