package dev.tidings.cli;

import dev.tidings.app.StartFailure;
import dev.tidings.bench.BenchCommand;
import dev.tidings.send.SendCommand;
import dev.tidings.config.ConfigException;
import dev.tidings.config.ConfigSources;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Entry point of {@code tidings.jar}: picks the subcommand ({@code serve} when none is given) and
 * turns every configuration mistake into one line on standard error, {@code tidings: <source>: <key>
 * <rule>}, with exit code 2 (DESIGN §2): the source is where the user has to fix it.
 */
@Command(name = "tidings", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Behavioral event intake: durable webhooks, validation, transformation, de-duplication.",
        subcommands = {ServeCommand.class, MigrateCommand.class, BenchCommand.class, SendCommand.class})
public final class Main {
    private static final String PREFIX = "tidings: ";

    public static void main(String[] args) {
        // Netty 4.2 registers its allocator's JFR events when JFR is available: ~0.2 s of start-up for
        // events no default recording enables. An operator who wants them sets the property to true.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        int code = run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line as the jar does and returns the exit code; {@code serve} returns only at shutdown. */
    static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        if (args.length == 0 || args[0].startsWith("-") && !isHelpOrVersion(args[0])) {
            args = prepend("serve", args);
        }
        CommandLine cli = new CommandLine(new Main()).setOut(out).setErr(err);
        ConfigSources sources;
        try {
            sources = ConfigSources.from(args, env).requireKnownKeys(ServeCommand.keys());
        } catch (ConfigException e) {
            err.println(PREFIX + e.rule());
            return 2;
        }
        cli.setDefaultValueProvider(sources);
        cli.setParameterExceptionHandler((e, ignored) -> {
            err.println(PREFIX + describe(e, sources));
            return 2;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof ConfigException c) {
                err.println(PREFIX + (c.key() == null ? c.rule() : sources.sourceOf(c.key()) + ": " + c.key() + " " + c.rule()));
                return 2;
            }
            if (e instanceof IllegalArgumentException) {
                err.println(PREFIX + e.getMessage());
                return 2;
            }
            if (e instanceof StartFailure) {
                command.getErr().println("tidings: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** A value picocli could not convert, named by where it came from; other parse errors as picocli says them. */
    private static String describe(ParameterException e, ConfigSources sources) {
        if (!(e.getArgSpec() instanceof OptionSpec option) || e.getValue() == null && !e.getMessage().startsWith("Invalid value")) {
            return e.getMessage();
        }
        String key = ConfigSources.keyOf(option);
        Class<?> type = option.type();
        String rule;
        if (key.equals("port")) {
            rule = "must be a number from 0 to 65535";
        } else if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            rule = "must be a whole number";
        } else {
            // picocli's message is "Invalid value for option '--x': <why>"; the why is the rule.
            int why = e.getMessage().indexOf("': ");
            rule = why < 0 ? e.getMessage() : e.getMessage().substring(why + 3);
        }
        return sources.sourceOf(key) + ": " + key + " " + rule;
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
