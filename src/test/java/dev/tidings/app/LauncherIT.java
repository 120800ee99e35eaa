package dev.tidings.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tidings}, the launcher with the server's memory defaults and its class data sharing
 * archive: the first launch makes the archive, later ones start from it. Run against the packaged jar.
 */
class LauncherIT {
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;

    @Test
    void firstLaunchMakesTheClassDataSharingArchiveAndLaterLaunchesStartFromIt() throws Exception {
        Path jar = Files.copy(Path.of(System.getProperty("tidings.jar", "target/tidings.jar")), dir.resolve("tidings.jar"));
        Path archive = dir.resolve("tidings.jar.jsa");

        Launch first = launch(jar, "-Xmx160m");
        assertThat(first.output()).contains("making the class data sharing archive " + archive);
        assertThat(archive).isNotEmptyFile();

        // -Xshare:on makes the JVM refuse to start unless the archive maps: the second start really uses it.
        Launch second = launch(jar, "-Xmx160m -Xshare:on");
        assertThat(second.output()).doesNotContain("making the class data sharing archive")
                .contains("Tidings listening on 127.0.0.1:");
    }

    @Test
    void anArchiveOfAnotherJarIsMadeAgain() throws Exception {
        Path jar = Files.copy(Path.of(System.getProperty("tidings.jar", "target/tidings.jar")), dir.resolve("tidings.jar"));
        Path archive = dir.resolve("tidings.jar.jsa");
        Files.writeString(archive, "not an archive");
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));

        Launch launch = launch(jar, "-Xmx160m -Xshare:on");
        assertThat(launch.output()).contains("making the class data sharing archive");
    }

    private record Launch(String output) {}

    /** Starts the launcher, waits until the server is ready, stops it with SIGTERM; its output. */
    private Launch launch(Path jar, String javaOpts) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path output = Files.createTempFile(dir, "launch", ".log");
        ProcessBuilder builder = new ProcessBuilder("bin/tidings", "serve", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--data-dir", Files.createTempDirectory(dir, "data").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("TIDINGS_JAR", jar.toString());
        builder.environment().put("TIDINGS_JAVA_OPTS", javaOpts);
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        try {
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsMatching(e -> e instanceof IOException)
                    .until(() -> {
                        assertThat(process.isAlive()).as("launcher exited: %s", Files.readString(output)).isTrue();
                        return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } finally {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("graceful shutdown on SIGTERM").isTrue();
        }
        return new Launch(Files.readString(output));
    }
}
