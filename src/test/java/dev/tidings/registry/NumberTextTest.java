package dev.tidings.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "+1", "1.", ".5", "1.5e10", "1E-3", "-0.0", "00012"})
    void recognisesPlainDecimalSyntax(String text) {
        assertThat(NumberText.isDecimal(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", ".", "e5", "1e", "1e+", "1..2", "1.2.3", "NaN", "Infinity", "0x1A", "1d",
        "1f", " 1", "1 ", "1_000", "١٢", "--1", "1e5.5"})
    void refusesEverythingElseIncludingWhatJavaWouldParse(String text) {
        assertThat(NumberText.isDecimal(text)).isFalse();
    }

    @Test
    void readsIntegralTextAsALongOnlyWhenItIsExactAndInRange() {
        assertThat(NumberText.toLong("42")).isEqualTo(42L);
        assertThat(NumberText.toLong("4.2e1")).isEqualTo(42L);
        assertThat(NumberText.toLong("-0")).isEqualTo(0L);
        assertThat(NumberText.toLong("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(NumberText.toLong("9223372036854775808")).isNull();
        assertThat(NumberText.toLong("4.25")).isNull();
        assertThat(NumberText.toLong("1e99999")).isNull();
    }

    @Test
    void readsDoublesAsALongOnlyWhenTheyAreWholeAndInRange() {
        assertThat(NumberText.exactLong(3.0)).isEqualTo(3L);
        assertThat(NumberText.exactLong(-9.223372036854775808E18)).isEqualTo(Long.MIN_VALUE);
        assertThat(NumberText.exactLong(9.223372036854775808E18)).isNull();
        assertThat(NumberText.exactLong(2.5)).isNull();
        assertThat(NumberText.exactLong(Double.NaN)).isNull();
        assertThat(NumberText.exactLong(Double.POSITIVE_INFINITY)).isNull();
        assertThat(NumberText.exactLong(new BigDecimal("12.000"))).isEqualTo(12L);
    }
}
