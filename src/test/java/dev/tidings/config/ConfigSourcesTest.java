package dev.tidings.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidings.cli.ServeCommandConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each option comes from the flag, else TIDINGS_*, else the YAML file, else its default. */
class ConfigSourcesTest {
    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        ServerConfig config = ServeCommandConfig.parse(new String[] {}, Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.cluster()).isEqualTo("local");
        assertThat(config.limits().maxBodyBytes()).isEqualTo(32 * 1024);
        assertThat(config.rejectedRetention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverTheDefault() throws IOException {
        Path yaml = Files.writeString(dir.resolve("tidings.yaml"), "port: 7001\ncluster: fromfile\nmax-body-bytes: 4096\n");
        Map<String, String> env = Map.of("TIDINGS_PORT", "7002", "TIDINGS_CLUSTER", "fromenv");

        ServerConfig config = ServeCommandConfig.parse(new String[] {"--config", yaml.toString(), "--port", "7003"}, env);

        assertThat(config.port()).isEqualTo(7003);
        assertThat(config.cluster()).isEqualTo("fromenv");
        assertThat(config.limits().maxBodyBytes()).isEqualTo(4096);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        ServerConfig config = ServeCommandConfig.parse(new String[] {"--idle-timeout", "500ms", "--rejected-retention", "36h"},
                Map.of());

        assertThat(config.limits().idleTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.rejectedRetention()).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void anInvalidValueIsRefusedNamingTheKeyAndTheRule() {
        assertThatThrownBy(() -> ServeCommandConfig.parse(new String[] {"--admin-token", "short"}, Map.of()))
                .hasMessageContaining("admin-token").hasMessageContaining("at least 16");
        assertThatThrownBy(() -> ServeCommandConfig.parse(new String[] {"--cluster", "a/b"}, Map.of()))
                .hasMessageContaining("cluster");
    }

    @Test
    void eventRetentionIsOffByDefaultAndComesFromTheFlagTheEnvironmentOrTheFile() throws IOException {
        assertThat(ServeCommandConfig.parse(new String[] {}, Map.of()).customerData().eventRetention()).isNull();
        assertThat(ServeCommandConfig.parse(new String[] {"--event-retention", "90d"}, Map.of()).customerData().eventRetention())
                .isEqualTo(Duration.ofDays(90));
        assertThat(ServeCommandConfig.parse(new String[] {}, Map.of("TIDINGS_EVENT_RETENTION", "12h")).customerData()
                .eventRetention()).isEqualTo(Duration.ofHours(12));
        Path yaml = Files.writeString(dir.resolve("retention.yaml"), "event-retention: PT720H\n");
        assertThat(ServeCommandConfig.parse(new String[] {"--config", yaml.toString()}, Map.of()).customerData()
                .eventRetention()).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> ServeCommandConfig.parse(new String[] {"--event-retention", "0s"}, Map.of()))
                .hasMessageContaining("event-retention").hasMessageContaining("positive");
    }

    @Test
    void aYamlFileThatIsNotAMappingIsRefused() throws IOException {
        Path yaml = Files.writeString(dir.resolve("bad.yaml"), "- just\n- a list\n");

        assertThatThrownBy(() -> ServeCommandConfig.parse(new String[] {"--config", yaml.toString()}, Map.of()))
                .hasMessageContaining(yaml.toString());
    }
}
