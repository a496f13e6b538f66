package dev.attune.assist.commitments;

import dev.attune.core.calendar.BusinessCalendar;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromiseDeadlineParserTest {

  static final BusinessCalendar SHANGHAI = new BusinessCalendar(ZoneId.of("Asia/Shanghai"), LocalTime.of(9, 0),
      LocalTime.of(18, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of());

  record Fixture(int line, String text, String lang, ZonedDateTime at, String weekday, ZonedDateTime due,
                 boolean stated) {}

  static List<Fixture> fixtures() throws IOException {
    List<Fixture> out = new ArrayList<>();
    try (InputStream in = PromiseDeadlineParserTest.class.getResourceAsStream("/commitments/deadlines.psv")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i].strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String[] f = l.split("\\s*\\|\\s*");
        out.add(new Fixture(i + 1, f[0], f[1], ZonedDateTime.parse(f[2]), f[3], ZonedDateTime.parse(f[4]),
            Boolean.parseBoolean(f[5])));
      }
    }
    return out;
  }

  @Test
  void everyFixtureDeadlineIsParsedToTheExpectedMomentAndStatedness() throws IOException {
    PromiseDeadlineParser parser = new PromiseDeadlineParser(SHANGHAI, Duration.ofHours(24));
    List<Fixture> fixtures = fixtures();
    List<String> misses = new ArrayList<>();
    for (Fixture f : fixtures) {
      assertThat(f.at().getDayOfWeek().name()).as("weekday column, line %d", f.line()).startsWith(f.weekday());
      Deadline d = parser.parse(f.text(), f.lang(), f.at());
      if (!d.due().toOffsetDateTime().equals(f.due().toOffsetDateTime()) || d.stated() != f.stated()) {
        misses.add("line " + f.line() + " [" + f.text() + "] at " + f.at() + ": expected " + f.due() + " stated="
            + f.stated() + ", got " + d.due().toOffsetDateTime() + " stated=" + d.stated() + " (" + d.matched() + ")");
      }
    }
    System.out.println("deadline fixtures: " + (fixtures.size() - misses.size()) + "/" + fixtures.size() + " pass");
    assertThat(fixtures).hasSizeGreaterThanOrEqualTo(120);
    assertThat(misses).as("deadline fixture misses").isEmpty();
  }

  @Test
  void businessDaysSkipHolidaysToo() {
    LocalDate newYear = LocalDate.of(2027, 1, 1);
    BusinessCalendar withHoliday = new BusinessCalendar(SHANGHAI.zone(), SHANGHAI.openAt(), SHANGHAI.closeAt(),
        SHANGHAI.businessDays(), Set.of(newYear));
    PromiseDeadlineParser parser = new PromiseDeadlineParser(withHoliday, Duration.ofHours(24));
    ZonedDateTime nye = ZonedDateTime.parse("2026-12-31T14:00:00+08:00");
    assertThat(parser.parse("within 2 business days", "en", nye).due().toLocalDate())
        .isEqualTo(LocalDate.of(2027, 1, 5));
  }

  @Test
  void theCallMomentInAnotherZoneIsReadInTheCentersZone() {
    PromiseDeadlineParser parser = new PromiseDeadlineParser(SHANGHAI, Duration.ofHours(24));
    ZonedDateTime utc = ZonedDateTime.parse("2026-11-23T02:00:00Z");   // 10:00 in Shanghai
    assertThat(parser.parse("by end of day", "en", utc).due().toOffsetDateTime().toString())
        .isEqualTo("2026-11-23T18:00+08:00");
  }
}
