package org.maecenas.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/** Dates of billing: anniversaries clamped to the month's end, month starts, day starts in the billing zone. */
public final class BillingCalendar {

    private final ZoneId zone;

    public BillingCalendar(ZoneId zone) {
        this.zone = zone;
    }

    public LocalDate today(Instant now) {
        return now.atZone(zone).toLocalDate();
    }

    public Instant startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    /** The anniversary {@code months} after {@code from}: the anchor day, or the month's last day if shorter. */
    public static LocalDate anniversary(LocalDate from, int anchorDay, int months) {
        YearMonth month = YearMonth.from(from).plusMonths(months);
        return month.atDay(Math.min(anchorDay, month.lengthOfMonth()));
    }

    public static LocalDate monthStart(LocalDate date) {
        return date.withDayOfMonth(1);
    }
}
