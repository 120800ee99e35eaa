package dev.tidings.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Serves the web console (DESIGN §11) at {@code /console/} from the jar: the console's own ES modules
 * under {@code console/} and uPlot from its webjar under {@code /console/vendor/uplot/}. Nothing is
 * fetched from elsewhere at run time, and the Content-Security-Policy lets the pages load scripts,
 * styles and data only from this server, with no inline script at all. The console talks to the
 * public admin API like any other client; it holds no privilege of its own.
 */
public final class ConsoleRoutes {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String UPLOT_PROPERTIES = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private ConsoleRoutes() {}

    /** The console's routes, then whatever {@code next} mounts (the admin API), on one router. */
    public static Consumer<Router> before(Consumer<Router> next) {
        return router -> {
            mount(router);
            next.accept(router);
        };
    }

    public static void mount(Router router) {
        // Vert.x matches "/console" for "/console/" too; only the bare path is sent on to the slash.
        router.get("/console").handler(ctx -> {
            if (ctx.request().path().equals("/console")) {
                ctx.redirect("/console/");
            } else {
                ctx.next();
            }
        });
        router.route("/console/*").handler(ConsoleRoutes::securityHeaders);
        router.get("/console/vendor/uplot/*").handler(StaticHandler.create(
                "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist").setCachingEnabled(false));
        router.get("/console/*").handler(StaticHandler.create("console").setCachingEnabled(false)
                .setIndexPage("index.html").setDefaultContentEncoding("UTF-8"));
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                // The console changes with the jar; a stale module mixed with new ones would break it.
                .putHeader("Cache-Control", "no-cache");
        ctx.next();
    }

    /** The webjar's version, read from its own Maven metadata, so upgrading it is a pom change only. */
    static String uplotVersion() {
        try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream(UPLOT_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("uPlot webjar missing from the class path: " + UPLOT_PROPERTIES);
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
