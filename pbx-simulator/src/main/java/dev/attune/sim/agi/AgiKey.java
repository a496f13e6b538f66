package dev.attune.sim.agi;

/** What a caller does on the keypad while a {@code GET DATA} prompt plays: press a digit, nothing, or hang up. */
public sealed interface AgiKey permits AgiKey.Digit, AgiKey.Silence, AgiKey.HangUp {
  record Digit(char digit) implements AgiKey {}

  record Silence() implements AgiKey {}

  record HangUp() implements AgiKey {}

  AgiKey SILENCE = new Silence();
  AgiKey HANG_UP = new HangUp();

  static AgiKey digit(char digit) {
    return new Digit(digit);
  }
}
