package dev.attune.core.commitments;

/** Where a promise stands. OPEN and OVERDUE are live; KEPT, RESOLVED and CANCELLED are final. */
public enum CommitmentStatus {
  PROPOSED, OPEN, OVERDUE, KEPT, RESOLVED, CANCELLED;

  public boolean live() {
    return this == OPEN || this == OVERDUE;
  }

  public boolean finished() {
    return this == KEPT || this == RESOLVED || this == CANCELLED;
  }
}
