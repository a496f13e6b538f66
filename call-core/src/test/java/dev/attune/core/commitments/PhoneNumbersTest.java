package dev.attune.core.commitments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

  @Test
  void everyInternationalWritingOfANumberHasOneCustomerKey() {
    assertThat(PhoneNumbers.digitsKey("+86 21 6123-4567")).isEqualTo("862161234567");
    assertThat(PhoneNumbers.digitsKey("008621 61234567")).isEqualTo("862161234567");
    assertThat(PhoneNumbers.digitsKey("862161234567")).isEqualTo("862161234567");
    assertThat(PhoneNumbers.digitsKey("(555) 010-0100")).isEqualTo("5550100100");
    assertThat(PhoneNumbers.digitsKey("+0044 20")).as("a '+' is the international prefix already").isEqualTo("004420");
  }

  @Test
  void aNumberWithoutDigitsHasNoKeyAndMatchesNothing() {
    assertThat(PhoneNumbers.digitsKey("anonymous")).isEmpty();
    assertThat(PhoneNumbers.digitsKey(null)).isEmpty();
    assertThat(PhoneNumbers.same("anonymous", "anonymous")).isFalse();
  }

  @Test
  void aNationalFormMatchesTheInternationalOneOnItsLastDigits() {
    assertThat(PhoneNumbers.same("021 6123 4567", "+86 21 6123 4567")).isTrue();
    assertThat(PhoneNumbers.digitsKey("021 6123 4567")).isNotEqualTo(PhoneNumbers.digitsKey("+86 21 6123 4567"));
    assertThat(PhoneNumbers.same("61234567", "+86 21 6123 4568")).isFalse();
  }
}
