package dev.tidings.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How a rule's computed points become the points awarded (DESIGN §10). */
public enum Rounding {
    /** Whole points, rounded down: 12.9 earns 12. The default, as the original platform's users expect. */
    FLOOR,
    /** Whole points, half up: 12.5 earns 13. */
    ROUND,
    /** Two decimals kept (half up beyond them): 12.345 earns 12.35. */
    NONE;

    /** The awarded points, in hundredths. */
    public long apply(BigDecimal raw) {
        BigDecimal rounded = switch (this) {
            case FLOOR -> raw.setScale(0, RoundingMode.FLOOR);
            case ROUND -> raw.setScale(0, RoundingMode.HALF_UP);
            case NONE -> raw.setScale(2, RoundingMode.HALF_UP);
        };
        return Points.hundredths(rounded);
    }
}
