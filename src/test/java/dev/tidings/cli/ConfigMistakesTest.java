package dev.tidings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.app.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every configuration mistake stops the start with exit code 2 and one line on standard error that
 * names the source (flag, variable or file), the key and the rule (DESIGN §2).
 */
class ConfigMistakesTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @Test
    void anUnknownYamlKeyStopsTheStartNamingFileAndKey() throws IOException {
        Path yaml = Files.writeString(dir.resolve("tidings.yaml"), "prot: 9999\n");

        int code = run(Map.of(), "serve", "--config", yaml.toString());

        assertThat(code).isEqualTo(2);
        assertThat(oneLine()).contains(yaml.toString()).contains("unknown key prot");
    }

    @Test
    void aCamelCasedYamlKeyIsRefusedWithTheKeyMeant() throws IOException {
        Path yaml = Files.writeString(dir.resolve("tidings.yaml"), "dataDir: ./elsewhere\n");

        int code = run(Map.of(), "serve", "--config", yaml.toString());

        assertThat(code).isEqualTo(2);
        assertThat(oneLine()).contains("unknown key dataDir").contains("did you mean data-dir?");
    }

    @Test
    void anUnparsableVariableIsReportedAsTheVariable() {
        int code = run(Map.of("TIDINGS_PORT", "abc"), "serve");

        assertThat(code).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("tidings: TIDINGS_PORT=abc: port must be a number from 0 to 65535");
    }

    @Test
    void anOutOfRangeFlagIsReportedAsTheFlag() {
        int code = run(Map.of(), "serve", "--port", "70000", "--data-dir", dir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("tidings: --port=70000: port must be a number from 0 to 65535");
    }

    @Test
    void anUnparsableYamlValueIsReportedAsTheFileLine() throws IOException {
        Path yaml = Files.writeString(dir.resolve("tidings.yaml"), "max-body-bytes: lots\n");

        int code = run(Map.of(), "serve", "--config", yaml.toString());

        assertThat(code).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("tidings: " + yaml + ": max-body-bytes: lots: max-body-bytes must be a whole number");
    }

    @Test
    void aMissingConfigFileIsNamedOnce() {
        Path missing = dir.resolve("nowhere.yaml");

        int code = run(Map.of(), "serve", "--config", missing.toString());

        assertThat(code).isEqualTo(2);
        String line = oneLine();
        assertThat(line).contains("no such file");
        assertThat(line.indexOf(missing.toString())).isEqualTo(line.lastIndexOf(missing.toString()));
    }

    @Test
    void aPortInUseFromTheEnvironmentNamesTheVariable() {
        try (TestServer other = TestServer.start()) {
            int code = run(Map.of("TIDINGS_PORT", String.valueOf(other.port())), "serve", "--host", "127.0.0.1",
                    "--data-dir", dir.toString(), "--admin-token", TestServer.ROOT_TOKEN);

            assertThat(code).isEqualTo(2);
            assertThat(oneLine()).startsWith("tidings: TIDINGS_PORT=" + other.port() + ": port " + other.port()
                    + " is already in use");
        }
    }

    @Test
    void aPortInUseIsOneLineNamingThePort() {
        try (TestServer other = TestServer.start()) {
            int code = run(Map.of(), "serve", "--host", "127.0.0.1", "--port", String.valueOf(other.port()),
                    "--data-dir", dir.toString(), "--admin-token", TestServer.ROOT_TOKEN);

            assertThat(code).isEqualTo(2);
            assertThat(oneLine()).startsWith("tidings: --port=" + other.port() + ": port " + other.port()
                    + " is already in use");
        }
    }

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    /** Standard error must be exactly one line. */
    private String oneLine() {
        String[] lines = err.toString().split("\\R");
        assertThat(lines).as("stderr: %s", err).hasSize(1);
        return lines[0];
    }
}
