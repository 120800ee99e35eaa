package dev.tidings.registry;

import java.math.BigDecimal;

/**
 * Reads numbers sent as JSON strings ("20", "-3.5e2"), the original platform's leniency. The syntax is
 * checked by hand first so that {@link Double#parseDouble} and {@link Long#parseLong} never throw on the
 * hot path, and so that what Java would also accept ("NaN", "Infinity", "0x1p3", "1d", " 2 ") is not.
 */
final class NumberText {

    /** Returned by {@link #toLong} when the text is not an integral value that fits in a long. */
    static final Long NOT_A_LONG = null;

    private static final BigDecimal MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private NumberText() {
    }

    /** Plain decimal syntax: optional sign, digits with an optional fraction, optional exponent. */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** The value of decimal text (check {@link #isDecimal} first); may be infinite for huge exponents. */
    static double toDouble(String s) {
        return Double.parseDouble(s);
    }

    /** The long value of decimal text when it is integral and in range ("3", "3.0", "3e2"), else null. */
    static Long toLong(String s) {
        if (isShortPlainInteger(s)) {
            return Long.parseLong(s);
        }
        // Rare forms (fractions, exponents, 19+ digits): exactness matters more than speed here.
        // The exponent is bounded first, since BigDecimal would happily build 1e999999999.
        if (s.length() > 400 || hasHugeExponent(s)) {
            return NOT_A_LONG;
        }
        return exactLong(new BigDecimal(s));
    }

    /** The long value of an exact decimal when it is integral and in range, else null. */
    static Long exactLong(BigDecimal d) {
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            return NOT_A_LONG;
        }
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            return NOT_A_LONG;
        }
        return d.longValue();
    }

    /** The long value of a double when it is integral and in range, else null. */
    static Long exactLong(double d) {
        // 2^63 is exactly representable; Long.MAX_VALUE is not, so the upper bound is exclusive.
        if (d != Math.rint(d) || d < -9.223372036854775808E18 || d >= 9.223372036854775808E18) {
            return NOT_A_LONG;
        }
        return (long) d;
    }

    private static boolean isShortPlainInteger(String s) {
        int n = s.length();
        int start = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        // 18 digits always fit in a long, so parseLong cannot overflow.
        if (n - start == 0 || n - start > 18) {
            return false;
        }
        for (int i = start; i < n; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasHugeExponent(String s) {
        int e = Math.max(s.indexOf('e'), s.indexOf('E'));
        if (e < 0) {
            return false;
        }
        int digits = 0;
        for (int i = e + 1; i < s.length(); i++) {
            if (isDigit(s.charAt(i)) && (digits > 0 || s.charAt(i) != '0')) {
                digits++;
            }
        }
        return digits > 3;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
