package dev.attune.core.commitments;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Set;

/**
 * The customer key of a phone number, the one rule for profiles, history, complaints, surveys and routing: the
 * digits of its E.164 form, a national number read in the center's {@code defaultCountry} (libphonenumber's
 * numbering plans), so "021 6123 4567" typed by an administrator, "02161234567" from the PBX's caller ID and
 * "+86 21 6123 4567" are one customer in a center in China. A number that is not a valid one of any plan (an
 * internal extension, a test number) and every number when no country is configured keep the digits rule of
 * {@link PhoneNumbers#digitsKey}. Dialing and display always use the number as it came.
 */
public record CustomerKeys(String defaultCountry) {
  /** No default country: national numbers stay their own keys (the rule before countries were configurable). */
  public static final CustomerKeys DIGITS_ONLY = new CustomerKeys("");

  private static final PhoneNumberUtil PLANS = PhoneNumberUtil.getInstance();

  public CustomerKeys {
    defaultCountry = defaultCountry == null ? "" : defaultCountry.strip().toUpperCase(Locale.ROOT);
    if (!defaultCountry.isEmpty() && !PLANS.getSupportedRegions().contains(defaultCountry)) {
      throw new IllegalArgumentException("'" + defaultCountry + "' is not a country code like CN, US or GB");
    }
  }

  /** Whether {@code country} is a two-letter code libphonenumber has a numbering plan for. */
  public static boolean known(String country) {
    return PLANS.getSupportedRegions().contains(country.strip().toUpperCase(Locale.ROOT));
  }

  public static Set<String> countries() {
    return PLANS.getSupportedRegions();
  }

  /** The key: E.164 digits without the "+", else the digits rule; empty for no digits (an anonymous caller). */
  public String key(String number) {
    if (number == null || number.isBlank()) {
      return "";
    }
    if (!defaultCountry.isEmpty()) {
      try {
        Phonenumber.PhoneNumber parsed = PLANS.parse(number, defaultCountry);
        if (PLANS.isValidNumber(parsed)) {
          return PLANS.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1);
        }
      } catch (NumberParseException e) {
        // not a number any plan knows (letters, too short): the digits rule below
      }
    }
    return PhoneNumbers.digitsKey(number);
  }
}
