package dev.tidings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.config.ServerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The protective limits are on without any option and each one is a flag of {@code serve}. */
class ServeLimitsTest {

    private static ServerConfig.Limits parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.toConfig().limits();
    }

    @Test
    void everyLimitIsOnByDefault() {
        ServerConfig.Limits limits = parse();

        assertThat(limits.maxBodyBytes()).isEqualTo(32 * 1024);
        assertThat(limits.maxNestingDepth()).isEqualTo(16);
        assertThat(limits.maxHeaderBytes()).isEqualTo(8192);
        assertThat(limits.maxConnections()).isEqualTo(10_000);
        assertThat(limits.logQueueCapacity()).isEqualTo(8192);
        assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everyLimitCanBeSetOnTheCommandLine() {
        ServerConfig.Limits limits = parse("--max-body-bytes", "2048", "--max-nesting-depth", "4",
                "--max-header-bytes", "2048", "--max-connections", "3", "--log-queue-capacity", "64", "--idle-timeout", "5s");

        assertThat(limits).isEqualTo(new ServerConfig.Limits(2048, 4, 2048, 3, 64, Duration.ofSeconds(5)));
    }
}
