package dev.attune.core.commitments;

/** Telling whether two ways of writing a phone number name the same line (promises, routing). */
public final class PhoneNumbers {
  private PhoneNumbers() {}

  /** Numbers compare on their digits, so "+1 555-0100" and "15550100" match; the last 8+ digits must agree. */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    String da = a.replaceAll("\\D", "");
    String db = b.replaceAll("\\D", "");
    if (da.isEmpty() || db.isEmpty()) {
      return false;
    }
    if (da.equals(db)) {
      return true;
    }
    int n = Math.min(da.length(), db.length());
    return n >= 8 && da.endsWith(db.substring(db.length() - n)) && db.endsWith(da.substring(da.length() - n));
  }
}
