package dev.tidings.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BenchResultTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void jsonCarriesEveryAgreedField() throws IOException {
        BenchResult result = result(1000, Map.of(200, 990L, 503, 10L), 0, 0, 0);

        JsonNode out = json.readTree(result.toJson());

        assertThat(out.fieldNames()).toIterable().contains("sent", "statusCounts", "bad1100", "errors",
                "seconds", "throughput", "latencyMs", "mode", "connections", "rate");
        assertThat(out.get("sent").asLong()).isEqualTo(1000);
        assertThat(out.get("statusCounts").get("200").asLong()).isEqualTo(990);
        assertThat(out.get("statusCounts").get("503").asLong()).isEqualTo(10);
        assertThat(out.get("mode").asText()).isEqualTo("closed");
        assertThat(out.get("connections").asInt()).isEqualTo(32);
        assertThat(out.get("latencyMs").fieldNames()).toIterable()
                .containsExactly("p50", "p90", "p99", "p999", "max");
    }

    @Test
    void throughputCountsOnly1100AnswersOverTheMeasuredSeconds() throws IOException {
        BenchResult result = result(1000, Map.of(200, 990L, 503, 10L), 90, 0, 0);

        JsonNode out = json.readTree(result.toJson());

        assertThat(out.get("seconds").asDouble()).isEqualTo(10.0);
        assertThat(out.get("throughput").asDouble()).isEqualTo(90.0);
    }

    @Test
    void latencyIsReportedInMilliseconds() throws IOException {
        JsonNode latency = json.readTree(result(4, Map.of(200, 4L), 0, 0, 0).toJson()).get("latencyMs");

        assertThat(latency.get("p50").asDouble()).isBetween(1.99, 2.01);
        assertThat(latency.get("max").asDouble()).isBetween(7.99, 8.01);
    }

    @Test
    void errorsInJsonIncludeTimeouts() throws IOException {
        JsonNode out = json.readTree(result(10, Map.of(200, 7L), 0, 2, 1).toJson());

        assertThat(out.get("errors").asLong()).isEqualTo(3);
        assertThat(out.get("timeouts").asLong()).isEqualTo(1);
    }

    @Test
    void exitsZeroWhenEveryRequestGotThe1100Answer() {
        assertThat(result(10, Map.of(200, 10L), 0, 0, 0).exitCode()).isZero();
    }

    @Test
    void exitsOneOnAnyOtherStatus() {
        assertThat(result(10, Map.of(200, 9L, 503, 1L), 0, 0, 0).exitCode()).isEqualTo(1);
    }

    @Test
    void exitsOneWhenA200IsNotThe1100Answer() {
        assertThat(result(10, Map.of(200, 10L), 1, 0, 0).exitCode()).isEqualTo(1);
    }

    @Test
    void exitsOneOnConnectionErrorsOrTimeouts() {
        assertThat(result(10, Map.of(200, 9L), 0, 1, 0).exitCode()).isEqualTo(1);
        assertThat(result(10, Map.of(200, 9L), 0, 0, 1).exitCode()).isEqualTo(1);
    }

    @Test
    void exitsOneWhenNothingWasSent() {
        assertThat(result(0, Map.of(), 0, 0, 0).exitCode()).isEqualTo(1);
    }

    @Test
    void textSummaryNamesTheFigures() {
        String text = result(10, Map.of(200, 10L), 0, 0, 0).toText();

        assertThat(text).contains("sent        10", "200: 10", "throughput", "p99.9");
    }

    private static BenchResult result(long sent, Map<Integer, Long> statuses, long bad1100, long errors,
                                      long timeouts) {
        Histogram latency = new Histogram(3);
        for (long micros : new long[] {1_000, 2_000, 4_000, 8_000}) {
            latency.recordValue(micros);
        }
        return new BenchResult("closed", 32, 0, sent, new TreeMap<>(statuses), bad1100, errors, timeouts,
                10.0, latency, null, false);
    }
}
