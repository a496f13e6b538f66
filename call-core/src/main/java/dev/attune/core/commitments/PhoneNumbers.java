package dev.attune.core.commitments;

/**
 * The one place that knows how phone numbers are written: {@link #key} is the customer key (profiles, history, the
 * customer panel, routing), {@link #same} every comparison (promises, an agent's own caller).
 */
public final class PhoneNumbers {
  private PhoneNumbers() {}

  /**
   * The customer key of a number: its digits, without an international "00" prefix, so "+86 21 6123-4567",
   * "008621 61234567" and "862161234567" are one customer. Empty when there are no digits (an anonymous caller).
   * A national form ("021...") stays its own key: which country is meant is not known here; {@link #same} still
   * matches it on the last digits.
   */
  public static String key(String number) {
    if (number == null) {
      return "";
    }
    String digits = number.replaceAll("\\D", "");
    return number.strip().startsWith("+") ? digits : digits.replaceFirst("^00", "");
  }

  /**
   * Numbers compare on their digits without leading zeros (an international "00" or a national trunk "0"), so
   * "+1 555-0100" and "15550100", or "021 6123 4567" and "+86 21 6123 4567", match: the shorter, of at least 8
   * digits, must end the longer.
   */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    String da = a.replaceAll("\\D", "").replaceFirst("^0+", "");
    String db = b.replaceAll("\\D", "").replaceFirst("^0+", "");
    if (da.isEmpty() || db.isEmpty()) {
      return false;
    }
    if (da.equals(db)) {
      return true;
    }
    boolean aShorter = da.length() <= db.length();
    String shorter = aShorter ? da : db;
    String longer = aShorter ? db : da;
    return shorter.length() >= 8 && longer.endsWith(shorter);
  }
}
