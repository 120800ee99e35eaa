package dev.tidings.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Points are kept as whole hundredths in a {@code long} (12.5 points = 1250), never as binary floating
 * point: sums over a ledger stay exact, and the two decimals of {@code NONE} rounding are all there is.
 */
public final class Points {
    private Points() {}

    /** Hundredths of a decimal value that already has at most two decimals. */
    public static long hundredths(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
    }

    /** The decimal value of {@code hundredths}, without trailing zeros (1200, 12.5, 0.01). */
    public static BigDecimal decimal(long hundredths) {
        BigDecimal d = BigDecimal.valueOf(hundredths, 2).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** For messages: {@code 1200}, {@code 12.5}. */
    public static String text(long hundredths) {
        return decimal(hundredths).toPlainString();
    }
}
