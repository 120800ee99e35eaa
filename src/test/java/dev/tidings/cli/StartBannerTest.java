package dev.tidings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.config.ServerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start line says the address actually bound; --public-url changes the URLs, not what is bound. */
class StartBannerTest {

    @Test
    void theStartLineShowsTheBindAddressNotALoopbackGuess() {
        ServerConfig config = ServeCommandConfig.parse(new String[] {}, Map.of());

        List<String> lines = StartBanner.lines(config, 8080, config.baseUrl(8080));

        assertThat(lines.get(0)).isEqualTo("Tidings listening on 0.0.0.0:8080 (every interface)");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("http://127.0.0.1:8080/local/webhooks/{webhookId}"));
    }

    @Test
    void withAPublicUrlTheBoundPortIsStillPrinted() {
        ServerConfig config = ServeCommandConfig.parse(new String[] {"--host", "127.0.0.1", "--port", "0",
                "--public-url", "https://events.example.com"}, Map.of());

        List<String> lines = StartBanner.lines(config, 41234, config.baseUrl(41234));

        assertThat(lines.get(0)).isEqualTo("Tidings listening on 127.0.0.1:41234");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("https://events.example.com/local/webhooks/"));
    }

    @Test
    void printsTheConsoleUrlToOpenInABrowser() {
        ServerConfig config = ServeCommandConfig.parse(new String[] {"--port", "8080"}, Map.of());

        List<String> lines = StartBanner.lines(config, 8080, config.baseUrl(8080));

        assertThat(lines).anySatisfy(l -> assertThat(l).contains("console:  http://127.0.0.1:8080/console/"));
    }

    @Test
    void aWorkerNodeServesNoConsoleSoPrintsNone() {
        ServerConfig config = ServeCommandConfig.parse(new String[] {"--role", "worker",
                "--postgres-url", "jdbc:postgresql://127.0.0.1/x", "--kafka-bootstrap", "127.0.0.1:9092"}, Map.of());

        List<String> lines = StartBanner.lines(config, 8080, config.baseUrl(8080));

        assertThat(lines).noneSatisfy(l -> assertThat(l).contains("/console"));
    }
}
