package dev.attune.core.calendar;

import dev.attune.core.config.AttuneConfig;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A week of opening hours in a named time zone, with business days and holidays: the center's (promise deadlines,
 * {@code commitments.*} in attune.yaml) and the phone lines' ({@code businessHours} + {@code timezone} in
 * routing.yaml) are both one of these. Business-day arithmetic skips weekends and holidays; everything else is
 * calendar arithmetic in {@link #zone()}.
 */
public record BusinessCalendar(ZoneId zone, LocalTime openAt, LocalTime closeAt, Set<DayOfWeek> businessDays,
                               Set<LocalDate> holidays) {

  /** The same hours and days, on the clock of {@code other}. */
  public BusinessCalendar withZone(ZoneId other) {
    return new BusinessCalendar(other, openAt, closeAt, businessDays, holidays);
  }

  public static BusinessCalendar of(AttuneConfig.Commitments config) {
    return new BusinessCalendar(config.timezone(), config.openAt(), config.closeAt(), config.businessDays(), Set.of());
  }

  public boolean isBusinessDay(LocalDate date) {
    return businessDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
  }

  /** True while the center is open: a business day, at or after opening and before closing. */
  public boolean isOpen(ZonedDateTime at) {
    ZonedDateTime local = at.withZoneSameInstant(zone);
    LocalTime time = local.toLocalTime();
    return isBusinessDay(local.toLocalDate()) && !time.isBefore(openAt) && time.isBefore(closeAt);
  }

  public LocalDate nextBusinessDayAfter(LocalDate date) {
    LocalDate d = date.plusDays(1);
    for (int guard = 0; !isBusinessDay(d) && guard < 400; guard++) {
      d = d.plusDays(1);
    }
    return d;
  }

  /** The Nth business day strictly after {@code date} (the call day itself never counts). */
  public LocalDate nthBusinessDayAfter(LocalDate date, int n) {
    LocalDate d = date;
    for (int i = 0; i < n; i++) {
      d = nextBusinessDayAfter(d);
    }
    return d;
  }

  public ZonedDateTime closeOf(LocalDate date) {
    return ZonedDateTime.of(date, closeAt, zone);
  }

  /**
   * The close of business that is still ahead of {@code at}: today's if today is a business day and the
   * center has not closed yet, otherwise the next business day's.
   */
  public ZonedDateTime nextClose(ZonedDateTime at) {
    ZonedDateTime local = at.withZoneSameInstant(zone);
    LocalDate today = local.toLocalDate();
    if (isBusinessDay(today) && local.toLocalTime().isBefore(closeAt)) {
      return closeOf(today);
    }
    return closeOf(nextBusinessDayAfter(today));
  }
}
