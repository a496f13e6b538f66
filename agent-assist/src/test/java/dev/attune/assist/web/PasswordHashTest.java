package dev.attune.assist.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
  @Test
  void hashMatchesOnlyItsOwnPassword() {
    String hash = PasswordHash.hash("correct horse".toCharArray());
    assertThat(PasswordHash.matches("correct horse".toCharArray(), hash)).isTrue();
    assertThat(PasswordHash.matches("correct horsE".toCharArray(), hash)).isFalse();
    assertThat(PasswordHash.wellFormed(hash)).isTrue();
  }

  @Test
  void samePasswordHashesDifferentlyEachTime() {
    assertThat(PasswordHash.hash("pw-12345".toCharArray())).isNotEqualTo(PasswordHash.hash("pw-12345".toCharArray()));
  }

  @Test
  void malformedStoredHashNeverMatches() {
    assertThat(PasswordHash.matches("x".toCharArray(), "x")).isFalse();
    assertThat(PasswordHash.matches("x".toCharArray(), null)).isFalse();
    assertThat(PasswordHash.matches("x".toCharArray(), "pbkdf2-sha256$abc$!!$??")).isFalse();
    assertThat(PasswordHash.wellFormed("pbkdf2-sha256$5$AAAA$AAAA")).isFalse();
  }
}
