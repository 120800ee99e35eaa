package dev.tidings.loyalty;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * The windows caps and milestones count in. Calendar windows (DAY, WEEK from Monday, MONTH, YEAR) are
 * placed in the org's timezone, so "per day" means the brand's day; rolling windows are the 7 or 30
 * days up to and including the event; LIFETIME is everything.
 */
public enum Window {
    DAY, WEEK, MONTH, YEAR, ROLLING_7D, ROLLING_30D, LIFETIME;

    /** {@code [from, to)} in epoch ms: the window that holds an event at {@code at}. */
    public record Span(long from, long to) {
        public boolean contains(long at) {
            return at >= from && at < to;
        }
    }

    public boolean calendar() {
        return this == DAY || this == WEEK || this == MONTH || this == YEAR;
    }

    /** Milestones are reached once per window, so they need windows with a start: calendar or lifetime. */
    public boolean hasStart() {
        return calendar() || this == LIFETIME;
    }

    public Span around(long at, ZoneId zone) {
        switch (this) {
            case ROLLING_7D:
                return new Span(at - Duration.ofDays(7).toMillis() + 1, at + 1);
            case ROLLING_30D:
                return new Span(at - Duration.ofDays(30).toMillis() + 1, at + 1);
            case LIFETIME:
                return new Span(Long.MIN_VALUE, Long.MAX_VALUE);
            default:
                break;
        }
        LocalDate day = Instant.ofEpochMilli(at).atZone(zone).toLocalDate();
        LocalDate start = switch (this) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
            default -> day;
        };
        LocalDate end = switch (this) {
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case YEAR -> start.plusYears(1);
            default -> start.plusDays(1);
        };
        return new Span(millis(start, zone), millis(end, zone));
    }

    /**
     * The span a cap checks for an event at {@code at}. A calendar window is the one holding the event.
     * A rolling window is checked over the days either side, so however events arrive (a back-dated
     * one after a later one) no rolling window that holds the event can end up past the cap.
     */
    public Span capSpan(long at, ZoneId zone) {
        return switch (this) {
            case ROLLING_7D -> new Span(at - Duration.ofDays(7).toMillis() + 1, at + Duration.ofDays(7).toMillis());
            case ROLLING_30D -> new Span(at - Duration.ofDays(30).toMillis() + 1, at + Duration.ofDays(30).toMillis());
            default -> around(at, zone);
        };
    }

    private static long millis(LocalDate date, ZoneId zone) {
        ZonedDateTime z = date.atStartOfDay(zone);
        return z.toInstant().toEpochMilli();
    }

    /** For messages: "per MONTH", "in the rolling 7 days", "over the lifetime". */
    public String phrase() {
        return switch (this) {
            case ROLLING_7D -> "in the rolling 7 days";
            case ROLLING_30D -> "in the rolling 30 days";
            case LIFETIME -> "over the lifetime";
            default -> "per " + name();
        };
    }
}
