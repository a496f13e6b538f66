package dev.attune.core.commitments;

/**
 * How phone numbers compare: {@link #same} for every comparison (promises, an agent's own caller). The customer key is
 * {@link CustomerKeys}, which reads national numbers in the center's country; {@link #digitsKey} is its rule when no
 * country applies.
 */
public final class PhoneNumbers {
  private PhoneNumbers() {}

  /**
   * A number's digits, without an international "00" prefix, so "+86 21 6123-4567", "008621 61234567" and
   * "862161234567" are one customer. Empty when there are no digits (an anonymous caller). A national form
   * ("021...") stays its own key: which country is meant is not known here ({@link CustomerKeys} knows it when the
   * center configured one); {@link #same} still matches it on the last digits.
   */
  public static String digitsKey(String number) {
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
