package dev.tidings.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.app.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /console over plain HTTP: served from the jar, needs no token, and forbids inline and foreign scripts. */
class ConsoleRoutesTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    TestServer.Answer get(String path) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build());
    }

    @Test
    void theBarePathRedirectsToTheConsolesIndex() {
        TestServer.Answer a = get("/console");
        assertThat(a.status()).isEqualTo(302);
        assertThat(a.raw().headers().firstValue("Location")).hasValue("/console/");
    }

    @Test
    void theIndexIsServedWithAPolicyThatAllowsOnlyThisServersScripts() {
        TestServer.Answer a = get("/console/");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String csp = a.raw().headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("connect-src 'self'").doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(a.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        // no inline script and nothing from another host: the page works offline
        assertThat(a.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void theChartLibraryComesFromItsWebjarInsideTheJar() {
        TestServer.Answer a = get("/console/vendor/uplot/uPlot.esm.js");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("export { uPlot as default }");
        assertThat(get("/console/vendor/uplot/uPlot.min.css").status()).isEqualTo(200);
    }

    @Test
    void theConsolesModulesAreServedAsJavaScript() {
        TestServer.Answer a = get("/console/js/main.js");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    }

    @Test
    void anUnknownConsoleFileIsAJson404LikeEveryOtherUnknownPath() {
        TestServer.Answer a = get("/console/js/nope.js");
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().at("/status/message").asText()).contains("/console/js/nope.js");
    }
}
