package dev.tidings.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What Maven knew when it built this jar ({@code tidings-build.properties}, filled by resource
 * filtering): the project version for {@code -V}, the start line and the build-info metric, and the
 * Swagger UI webjar's version, which is part of its assets' path. Read from the build rather than a
 * constant so a release cannot report the wrong version.
 */
public record BuildInfo(String version, String swaggerUiVersion) {
    private static final BuildInfo CURRENT = load();

    public static BuildInfo current() {
        return CURRENT;
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/tidings-build.properties")) {
            if (in == null) {
                throw new IllegalStateException("tidings-build.properties is missing from the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(p.getProperty("version"), p.getProperty("swagger-ui.version"));
    }
}
