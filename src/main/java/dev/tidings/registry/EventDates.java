package dev.tidings.registry;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Parses the date formats of the original platform (DOMAIN.md) into epoch milliseconds, for
 * {@code eventDateTime} and DATE attributes. The first format in DOMAIN order that parses wins, which
 * is how ambiguous input such as {@code 01-02-2024} is settled.
 *
 * <p>This runs per request on the intake hot path, so a failed format must cost next to nothing: each
 * format first checks the input's shape (length and where digits, letters and separators sit) without
 * allocating, then parses without exceptions ({@code parseUnresolved}), then rejects impossible dates
 * (Feb 30) with plain range checks; only what survives all three is resolved by the formatter. The
 * formatters are strict ({@code uuuu}, {@link ResolverStyle#STRICT}) so nothing is silently rolled over
 * into the next month. Stateless and thread-safe.
 */
public final class EventDates {

    /** One accepted format: the DOMAIN spelling (for messages), its formatter, and its shape. */
    private record Format(String name, DateTimeFormatter formatter, String shape, boolean exactLength) { }

    // Shapes: 'd' is an ASCII digit, 'a' an ASCII letter, anything else must match literally.
    // exactLength=false means the shape is only a prefix and the formatter checks the variable tail
    // (an offset such as Z or +05:30, a zone name such as IST).
    private static final Format[] FORMATS = {
        format("yyyy-MM-dd'T'HH:mm:ssXXX", "uuuu-MM-dd'T'HH:mm:ssXXX", "dddd-dd-ddTdd:dd:dd", false),
        // Beyond the original (DESIGN §3): what JavaScript's Date.toISOString() and most ISO writers send,
        // 1-9 fraction digits then Z or an offset. No other format parses such text, so its place is free.
        new Format("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", isoWithFraction(), "dddd-dd-ddTdd:dd:dd.d", false),
        format("yyyy-MM-dd'T'HH:mm:ss.SSS", "uuuu-MM-dd'T'HH:mm:ss.SSS", "dddd-dd-ddTdd:dd:dd.ddd", true),
        format("yyyy-MM-dd'T'HH:mm:ss", "uuuu-MM-dd'T'HH:mm:ss", "dddd-dd-ddTdd:dd:dd", true),
        format("yyyy-MM-dd HH:mm:ss", "uuuu-MM-dd HH:mm:ss", "dddd-dd-dd dd:dd:dd", true),
        format("yyyy-MM-dd", "uuuu-MM-dd", "dddd-dd-dd", true),
        format("dd-MM-yyyy HH:mm:ss", "dd-MM-uuuu HH:mm:ss", "dd-dd-dddd dd:dd:dd", true),
        format("dd-MM-yyyy", "dd-MM-uuuu", "dd-dd-dddd", true),
        format("MM/dd/yyyy HH:mm:ss", "MM/dd/uuuu HH:mm:ss", "dd/dd/dddd dd:dd:dd", true),
        format("MM/dd/yyyy", "MM/dd/uuuu", "dd/dd/dddd", true),
        format("yyyy/MM/dd HH:mm:ss", "uuuu/MM/dd HH:mm:ss", "dddd/dd/dd dd:dd:dd", true),
        format("yyyy/MM/dd", "uuuu/MM/dd", "dddd/dd/dd", true),
        format("yyyyMMdd HH:mm:ss", "uuuuMMdd HH:mm:ss", "dddddddd dd:dd:dd", true),
        // uu, not yy: in STRICT mode a year-of-era without an era never resolves.
        format("dd-MMM-yy", "dd-MMM-uu", "dd-aaa-dd", true),
        format("EEE MMM dd HH:mm:ss z yyyy", "EEE MMM dd HH:mm:ss z uuuu", "aaa aaa dd dd:dd:dd ", false),
    };

    private static final String FORMAT_LIST = joinNames();

    private static final ChronoField[] TIME_FIELDS = {
        ChronoField.HOUR_OF_DAY, ChronoField.MINUTE_OF_HOUR, ChronoField.SECOND_OF_MINUTE, ChronoField.NANO_OF_SECOND,
    };

    private static final long NOT_DIRECT = Long.MIN_VALUE;

    private EventDates() {
    }

    /**
     * The epoch milliseconds of {@code text} in the first accepted format that parses it; a value
     * without an offset or zone is UTC. Empty when no format parses it (including impossible dates).
     */
    public static OptionalLong parseEpochMillis(String text) {
        if (text == null || text.length() < 9 || text.length() > 64) {
            return OptionalLong.empty();
        }
        for (Format f : FORMATS) {
            if (!hasShape(text, f.shape(), f.exactLength())) {
                continue;
            }
            ParsePosition position = new ParsePosition(0);
            TemporalAccessor fields = parseUnresolved(f.formatter(), text, position);
            if (fields == null || position.getErrorIndex() >= 0 || position.getIndex() != text.length()
                    || !plausible(fields)) {
                continue;
            }
            long direct = direct(fields);
            if (direct != NOT_DIRECT) {
                return OptionalLong.of(direct);
            }
            OptionalLong millis = resolve(f.formatter(), text);
            if (millis.isPresent()) {
                return millis;
            }
        }
        return OptionalLong.empty();
    }

    /** The accepted formats in the order they are tried, for error messages. */
    public static String formats() {
        return FORMAT_LIST;
    }

    private static Format format(String name, String pattern, String shape, boolean exactLength) {
        DateTimeFormatter formatter = new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern)
                .toFormatter(Locale.ENGLISH)
                .withResolverStyle(ResolverStyle.STRICT);
        return new Format(name, formatter, shape, exactLength);
    }

    /**
     * The offset parser throws, rather than reporting an error index, for an offset out of range such as
     * {@code +25:00}; only such input pays for the exception.
     */
    private static TemporalAccessor parseUnresolved(DateTimeFormatter formatter, String text, ParsePosition position) {
        try {
            return formatter.parseUnresolved(text, position);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static DateTimeFormatter isoWithFraction() {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
                .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
                .appendOffset("+HH:MM", "Z")
                .toFormatter(Locale.ENGLISH)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    private static boolean hasShape(String text, String shape, boolean exactLength) {
        int n = shape.length();
        if (exactLength ? text.length() != n : text.length() <= n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char s = shape.charAt(i);
            char c = text.charAt(i);
            boolean ok = switch (s) {
                case 'd' -> c >= '0' && c <= '9';
                case 'a' -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                default -> c == s;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Range checks that catch impossible dates without the formatter throwing. */
    private static boolean plausible(TemporalAccessor fields) {
        if (fields.isSupported(ChronoField.YEAR) && fields.isSupported(ChronoField.MONTH_OF_YEAR)
                && fields.isSupported(ChronoField.DAY_OF_MONTH)) {
            long year = fields.getLong(ChronoField.YEAR);
            long month = fields.getLong(ChronoField.MONTH_OF_YEAR);
            long day = fields.getLong(ChronoField.DAY_OF_MONTH);
            if (!ChronoField.YEAR.range().isValidValue(year) || month < 1 || month > 12 || day < 1
                    || day > Month.of((int) month).length(Year.isLeap(year))) {
                return false;
            }
        }
        for (ChronoField field : TIME_FIELDS) {
            if (fields.isSupported(field) && !field.range().isValidValue(fields.getLong(field))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The common formats (numeric date, optional time and offset) become epoch millis straight from the
     * fields already parsed, saving the second, resolving parse; weekday and zone-name formats need the
     * formatter's cross-checks and go through {@link #resolve}. Ranges were checked by {@link #plausible}.
     */
    private static long direct(TemporalAccessor f) {
        if (!f.isSupported(ChronoField.YEAR) || !f.isSupported(ChronoField.MONTH_OF_YEAR)
                || !f.isSupported(ChronoField.DAY_OF_MONTH) || f.isSupported(ChronoField.DAY_OF_WEEK)
                || f.query(TemporalQueries.zoneId()) != null) {
            return NOT_DIRECT;
        }
        try {
            LocalDateTime t = LocalDateTime.of((int) f.getLong(ChronoField.YEAR), (int) f.getLong(ChronoField.MONTH_OF_YEAR),
                    (int) f.getLong(ChronoField.DAY_OF_MONTH), field(f, ChronoField.HOUR_OF_DAY),
                    field(f, ChronoField.MINUTE_OF_HOUR), field(f, ChronoField.SECOND_OF_MINUTE),
                    field(f, ChronoField.NANO_OF_SECOND));
            return (t.toEpochSecond(ZoneOffset.UTC) - field(f, ChronoField.OFFSET_SECONDS)) * 1000
                    + t.getNano() / 1_000_000;
        } catch (DateTimeException e) {
            return NOT_DIRECT;
        }
    }

    private static int field(TemporalAccessor f, ChronoField field) {
        return f.isSupported(field) ? (int) f.getLong(field) : 0;
    }

    private static OptionalLong resolve(DateTimeFormatter formatter, String text) {
        try {
            TemporalAccessor parsed = formatter.parse(text);
            LocalDate date = parsed.query(TemporalQueries.localDate());
            LocalTime time = parsed.query(TemporalQueries.localTime());
            ZoneId zone = parsed.query(TemporalQueries.zone());
            return OptionalLong.of(date.atTime(time == null ? LocalTime.MIDNIGHT : time)
                    .atZone(zone == null ? ZoneOffset.UTC : zone)
                    .toInstant()
                    .toEpochMilli());
        } catch (DateTimeException | ArithmeticException e) {
            // Rare: the shape and ranges looked right but the formatter disagrees (e.g. a weekday
            // that does not match the date); the next format gets its turn.
            return OptionalLong.empty();
        }
    }

    private static String joinNames() {
        StringBuilder sb = new StringBuilder();
        for (Format f : FORMATS) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(f.name());
        }
        return sb.toString();
    }
}
