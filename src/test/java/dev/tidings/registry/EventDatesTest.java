package dev.tidings.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventDatesTest {

    private static final long NOON_APRIL_11_2024 = 1712836800000L;

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void readsTheDomainExampleAsUtcEpochMillis() {
        assertThat(EventDates.parseEpochMillis("2024-04-11 12:00:00")).hasValue(NOON_APRIL_11_2024);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2024-04-11T12:00:00+05:30    | 2024-04-11T06:30:00Z",
        "2024-04-11T12:00:00Z         | 2024-04-11T12:00:00Z",
        "2024-04-11T12:00:00-02:00    | 2024-04-11T14:00:00Z",
        "2024-04-11T12:00:00.250      | 2024-04-11T12:00:00.250Z",
        "2024-04-11T12:00:00          | 2024-04-11T12:00:00Z",
        "2024-04-11 12:00:00          | 2024-04-11T12:00:00Z",
        "2024-04-11                   | 2024-04-11T00:00:00Z",
        "11-04-2024 12:00:00          | 2024-04-11T12:00:00Z",
        "11-04-2024                   | 2024-04-11T00:00:00Z",
        "04/11/2024 12:00:00          | 2024-04-11T12:00:00Z",
        "04/11/2024                   | 2024-04-11T00:00:00Z",
        "2024/04/11 12:00:00          | 2024-04-11T12:00:00Z",
        "2024/04/11                   | 2024-04-11T00:00:00Z",
        "20240411 12:00:00            | 2024-04-11T12:00:00Z",
        "11-Apr-24                    | 2024-04-11T00:00:00Z",
        "Thu Apr 11 12:00:00 UTC 2024 | 2024-04-11T12:00:00Z",
        "Thu Apr 11 12:00:00 GMT 2024 | 2024-04-11T12:00:00Z",
    })
    void acceptsEveryDocumentedFormat(String text, String expectedInstant) {
        assertThat(EventDates.parseEpochMillis(text)).hasValue(millis(expectedInstant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"11-apr-24", "11-APR-24", "thu apr 11 12:00:00 UTC 2024"})
    void acceptsMonthAndWeekdayNamesInAnyCase(String text) {
        assertThat(EventDates.parseEpochMillis(text)).isPresent();
    }

    @Test
    void resolvesAmbiguousDayMonthOrderByTheFirstFormatThatParses() {
        // dd-MM-yyyy comes before MM/dd/yyyy, and the separators keep them apart anyway.
        assertThat(EventDates.parseEpochMillis("01-02-2024")).hasValue(millis("2024-02-01T00:00:00Z"));
        assertThat(EventDates.parseEpochMillis("01/02/2024")).hasValue(millis("2024-01-02T00:00:00Z"));
    }

    @Test
    void takesAZoneNameIntoAccount() {
        assertThat(EventDates.parseEpochMillis("Thu Apr 11 12:00:00 CEST 2024"))
                .hasValue(millis("2024-04-11T10:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2024-02-30", "2023-02-29 00:00:00", "2024-13-01", "2024-00-10", "2024-04-31",
        "2024-04-11 24:00:00", "2024-04-11 12:60:00", "2024-04-11 12:00:61", "32-01-2024",
        "13/01/2024", "30-Feb-24", "11-Foo-24", "Fri Apr 11 12:00:00 UTC 2024",
    })
    void rejectsImpossibleDates(String text) {
        assertThat(EventDates.parseEpochMillis(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "garbage", "tomorrow", "2024", "2024-4-11", "2024-04-11T12:00", "2024-04-11 12:00",
        "2024-04-11T12:00:00+0530", "2024-04-11T12:00:00.25", "2024-04-11 12:00:00 ", " 2024-04-11",
        "1712836800000", "20240411", "2024-04-11T12:00:00 Z", "Thu Apr 11 12:00:00 Nowhere 2024",
        "११-०४-२०२४", "2024-04-11T12:00:00+05:30:00:00",
    })
    void rejectsTextInNoAcceptedFormat(String text) {
        assertThat(EventDates.parseEpochMillis(text)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsNullAndEmptyText(String text) {
        assertThat(EventDates.parseEpochMillis(text)).isEqualTo(OptionalLong.empty());
    }

    @Test
    void rejectsAbsurdlyLongTextWithoutTryingTheFormats() {
        assertThat(EventDates.parseEpochMillis("2024-04-11 12:00:00".repeat(100))).isEmpty();
    }

    @Test
    void listsTheFormatsInTheOrderTheyAreTried() {
        assertThat(EventDates.formats())
                .startsWith("yyyy-MM-dd'T'HH:mm:ssXXX, yyyy-MM-dd'T'HH:mm:ss.SSSXXX, yyyy-MM-dd'T'HH:mm:ss.SSS, ")
                .endsWith("dd-MMM-yy, EEE MMM dd HH:mm:ss z yyyy")
                .contains("yyyyMMdd HH:mm:ss");
    }

    @Test
    void readsIsoWithFractionalSecondsAndZAsJavaScriptSendsIt() {
        assertThat(EventDates.parseEpochMillis("2024-05-01T10:00:00.123Z")).hasValue(1714557600123L);
        assertThat(EventDates.parseEpochMillis("2024-05-01T15:30:00.5+05:30")).hasValue(1714557600500L);
        assertThat(EventDates.parseEpochMillis("2024-05-01T10:00:00.123456789Z")).hasValue(1714557600123L);
    }

    @Test
    void refusesAFractionWithAnImpossibleOffset() {
        assertThat(EventDates.parseEpochMillis("2024-05-01T10:00:00.123+25:00")).isEmpty();
        assertThat(EventDates.parseEpochMillis("2024-05-01T10:00:00.Z")).isEmpty();
        assertThat(EventDates.parseEpochMillis("2024-05-01T10:00:00+25:00")).isEmpty();
    }
}
