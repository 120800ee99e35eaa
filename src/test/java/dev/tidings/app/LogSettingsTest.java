package dev.tidings.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** --log-format and --log-level as serve applies them; log lines go to stderr. */
class LogSettingsTest {
    private static final Logger LOG = LoggerFactory.getLogger(LogSettingsTest.class);
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        LogSettings.apply("text", "INFO");
    }

    @Test
    void textLinesAreDatedIsoWithTheZone() {
        capture();
        LogSettings.apply("text", "INFO");
        LOG.info("hello text");
        assertThat(lastLine()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO .*hello text");
    }

    @Test
    void jsonFormatWritesOneJsonObjectPerLine() throws Exception {
        capture();
        LogSettings.apply("json", "INFO");
        LOG.info("hello json");
        JsonNode line = new ObjectMapper().readTree(lastLine());
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).isEqualTo("hello json");
    }

    @Test
    void theLevelHidesWhatIsBelowIt() {
        capture();
        LogSettings.apply("text", "warn");
        LOG.info("not shown");
        LOG.warn("shown");
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("shown").doesNotContain("not shown");
    }

    @Test
    void aWrongValueNamesItsKey() {
        assertThatThrownBy(() -> LogSettings.apply("xml", "INFO")).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("log-format"));
        assertThatThrownBy(() -> LogSettings.apply("text", "loud")).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("log-level"));
    }

    private void capture() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    private String lastLine() {
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1];
    }
}
