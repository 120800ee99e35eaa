package dev.tidings.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code GET /openapi.json} (the document {@link OpenApiDocument} assembled at start) and {@code GET /docs},
 * Swagger UI rendering it from the {@code org.webjars:swagger-ui} assets inside the jar, so the docs work
 * offline and no page of ours loads a CDN. Neither needs a token: they describe the API, they hold no data.
 */
final class ApiDocs {
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

    private final Buffer document;
    private final String swaggerUiVersion;

    ApiDocs(String document, String swaggerUiVersion) {
        this.document = Buffer.buffer(document);
        this.swaggerUiVersion = swaggerUiVersion;
    }

    void mount(Router router) {
        router.get("/openapi.json").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(document));
        // The webjar's index.html loads swagger-initializer.js, which points at a petstore on the internet;
        // ours is answered instead (the route comes before the static handler) and points at this server.
        router.get("/docs/swagger-initializer.js").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8").end(INITIALIZER));
        // Relative asset URLs in index.html need the trailing slash to resolve under /docs/.
        router.get("/docs").handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.next();
            } else {
                ctx.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, "/docs/").end();
            }
        });
        router.get("/docs/*").handler(StaticHandler.create(WEBJAR + swaggerUiVersion).setIndexPage("index.html"));
    }

    private static final String INITIALIZER = """
            window.onload = function () {
              window.ui = SwaggerUIBundle({
                url: "/openapi.json",
                dom_id: "#swagger-ui",
                deepLinking: true,
                presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                layout: "StandaloneLayout"
              });
            };
            """;
}
