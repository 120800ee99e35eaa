package dev.tidings.cli;

import dev.tidings.app.StartFailure;
import dev.tidings.bench.BenchCommand;
import dev.tidings.config.ConfigSources;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code tidings.jar}: picks the subcommand; {@code serve} when none is given. */
@Command(name = "tidings", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Behavioral event intake: durable webhooks, validation, transformation, de-duplication.",
        subcommands = {ServeCommand.class, MigrateCommand.class, BenchCommand.class})
public final class Main {

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("-") && !isHelpOrVersion(args[0])) {
            args = prepend("serve", args);
        }
        CommandLine cli = new CommandLine(new Main());
        try {
            cli.setDefaultValueProvider(ConfigSources.from(args, System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                command.getErr().println(e.getMessage());
                return 2;
            }
            if (e instanceof StartFailure) {
                command.getErr().println("tidings: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        int code = cli.execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    private static boolean isHelpOrVersion(String arg) {
        return arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version");
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
