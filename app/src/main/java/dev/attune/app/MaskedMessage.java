package dev.attune.app;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log message ({@code %maskedMsg} in logback.xml) with every phone number cut to its last four digits, so a log
 * shipped to a ticket or a log server does not carry the customers' numbers ({@code logging.maskNumbers}). A phone
 * number here is 7 to 15 digits, optionally after a {@code +}, standing alone: call ids ({@code pbx:1795407672.0}),
 * device names ({@code PJSIP/agent101}) and decimals stay readable.
 */
public final class MaskedMessage extends MessageConverter {
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.:/+-])(\\+?)(\\d{3,11})(\\d{4})(?![\\w.])");
  /** On until the configuration says otherwise: what is logged before it is read is masked too. */
  private static volatile boolean enabled = true;

  static void enable(boolean mask) {
    enabled = mask;
  }

  @Override
  public String convert(ILoggingEvent event) {
    String message = super.convert(event);
    return enabled ? mask(message) : message;
  }

  static String mask(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = NUMBER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "*".repeat(m.group(2).length()) + m.group(3)));
    }
    return m.appendTail(out).toString();
  }
}
