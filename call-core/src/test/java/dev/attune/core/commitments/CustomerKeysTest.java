package dev.attune.core.commitments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One customer key however a number is written, national numbers read in the center's country. */
class CustomerKeysTest {
  private final CustomerKeys china = new CustomerKeys("CN");

  @Test
  void aNationalNumberAndItsInternationalFormsAreOneCustomerInTheCentersCountry() {
    assertThat(china.key("021 6123 4567")).isEqualTo("862161234567");
    assertThat(china.key("02161234567")).isEqualTo("862161234567");
    assertThat(china.key("+86 21 6123-4567")).isEqualTo("862161234567");
    assertThat(china.key("008621 61234567")).as("China's international prefix").isEqualTo("862161234567");
    assertThat(china.key("138 0013 8000")).as("a mobile as the PBX gives it").isEqualTo("8613800138000");
    assertThat(china.key("+1 212 555 0100")).as("a foreign number keeps its own country").isEqualTo("12125550100");
  }

  @Test
  void whatNoPlanKnowsKeepsTheDigitsRule() {
    assertThat(china.key("1001")).as("an internal extension").isEqualTo("1001");
    assertThat(china.key("+15550100")).as("a number too short for its country").isEqualTo("15550100");
    assertThat(china.key("anonymous")).isEmpty();
    assertThat(china.key(null)).isEmpty();
  }

  @Test
  void withoutACountryANationalNumberIsItsOwnKey() {
    assertThat(CustomerKeys.DIGITS_ONLY.key("021 6123 4567")).isEqualTo("02161234567");
    assertThat(CustomerKeys.DIGITS_ONLY.key("+86 21 6123 4567")).isEqualTo("862161234567");
    assertThat(new CustomerKeys("us").key("(212) 555-0100")).as("codes in any case").isEqualTo("12125550100");
  }

  @Test
  void anUnknownCountryIsRefused() {
    assertThatThrownBy(() -> new CustomerKeys("XX")).hasMessageContaining("not a country code");
    assertThat(CustomerKeys.known("gb")).isTrue();
    assertThat(CustomerKeys.known("Chinaa")).isFalse();
  }
}
