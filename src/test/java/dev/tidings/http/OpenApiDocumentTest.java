package dev.tidings.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document names exactly the routes the router has, and is a valid OpenAPI 3.1 document. */
class OpenApiDocumentTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void documentsEveryRouteOfTheRouterAndNoOther() {
        JsonNode doc = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/openapi.json")).GET().build()).json();
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            // Path-level keys (parameters, summary, servers) are not operations.
            doc.path("paths").path(path).fieldNames().forEachRemaining(m -> {
                if (HTTP_METHODS.contains(m)) {
                    documented.add(m.toUpperCase(Locale.ROOT) + " " + path);
                }
            });
        }
        Set<String> routed = new TreeSet<>();
        for (String route : server.routeTable()) {
            // Swagger UI's own assets under /docs/ are files of the webjar, not API operations.
            if (route.startsWith("GET /docs/")) {
                continue;
            }
            if (route.endsWith("*")) {
                // A prefix route serving files (the console's assets) is documented as one templated path under it.
                String prefix = route.substring(0, route.length() - 1);
                documented.removeIf(d -> d.startsWith(prefix) && d.substring(prefix.length()).matches("\\{[A-Za-z]+}"));
                continue;
            }
            routed.add(route.replaceAll(":([A-Za-z0-9_]+)", "{$1}"));
        }
        assertThat(routed).contains("POST /{cluster}/webhooks/{webhookId}", "GET /api/v1/orgs/{org}/requests/{requestId}",
                "HEAD /metrics", "GET /openapi.json");
        assertThat(documented).as("documented operations").isEqualTo(routed);
    }

    @Test
    void isAValidOpenApi31Document() {
        TestServer.Answer answer = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/openapi.json")).GET().build());
        assertThat(answer.status()).isEqualTo(200);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(answer.body(), null, null);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(answer.json().path("info").path("version").asText()).isNotBlank().doesNotContain("${");
    }

    @Test
    void docsRenderTheDocumentWithSwaggerUiServedByTidingsWithoutAToken() {
        TestServer.Answer redirect = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/docs")).GET().build());
        assertThat(redirect.status()).isEqualTo(301);
        assertThat(redirect.raw().headers().firstValue("Location")).contains("/docs/");
        TestServer.Answer page = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/docs/")).GET().build());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js").doesNotContain("http://", "https://");
        TestServer.Answer init = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/docs/swagger-initializer.js")).GET().build());
        assertThat(init.body()).contains("\"/openapi.json\"").doesNotContain("petstore");
        TestServer.Answer bundle = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/docs/swagger-ui-bundle.js")).GET().build());
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body()).contains("SwaggerUIBundle");
    }
}
