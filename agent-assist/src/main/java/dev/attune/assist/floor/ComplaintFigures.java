package dev.attune.assist.floor;

import dev.attune.core.complaints.Complaint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Complaints drafted in a period, as the wallboard shows them: confirmed ones by kind (seed 000's four), how many of
 * them were major, and drafts still waiting for their agent. Discarded drafts were no complaint and count nowhere.
 */
public record ComplaintFigures(int confirmed, int major, int waiting, Map<Complaint.Category, Integer> byCategory) {

  public static ComplaintFigures of(List<Complaint> complaints, Instant from, Instant to) {
    Map<Complaint.Category, Integer> byCategory = new LinkedHashMap<>();
    for (Complaint.Category c : Complaint.Category.values()) {
      byCategory.put(c, 0); // a kind nobody complained of shows 0, not nothing
    }
    int confirmed = 0;
    int major = 0;
    int waiting = 0;
    for (Complaint c : complaints) {
      if (c.draftedAt() == null || c.draftedAt().isBefore(from) || c.draftedAt().isAfter(to)) {
        continue;
      }
      if (c.status() == Complaint.Status.DRAFT) {
        waiting++;
      } else if (c.status() == Complaint.Status.CONFIRMED) {
        confirmed++;
        major += c.severity() == Complaint.Severity.MAJOR ? 1 : 0;
        byCategory.merge(c.category(), 1, Integer::sum);
      }
    }
    return new ComplaintFigures(confirmed, major, waiting, byCategory);
  }
}
