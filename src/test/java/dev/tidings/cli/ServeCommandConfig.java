package dev.tidings.cli;

import dev.tidings.config.ConfigSources;
import dev.tidings.config.ServerConfig;
import java.util.Map;
import picocli.CommandLine;

/** Parses {@code serve} arguments exactly as the jar does, with a given environment, for tests. */
public final class ServeCommandConfig {
    private ServeCommandConfig() {}

    public static ServerConfig parse(String[] args, Map<String, String> env) {
        ServeCommand serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        cli.setDefaultValueProvider(ConfigSources.from(args, env).requireKnownKeys(ServeCommand.keys()));
        cli.parseArgs(args);
        return serve.toConfig();
    }
}
