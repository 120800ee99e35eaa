package dev.tidings.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code tidings.jar}: picks the subcommand; {@code serve} when none is given. */
@Command(name = "tidings", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Behavioral event intake: durable webhooks, validation, transformation, de-duplication.",
        subcommands = {ServeCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        if (args.length == 0 || args[0].startsWith("-") && !isHelpOrVersion(args[0])) {
            args = prepend("serve", args);
        }
        int code = cli.execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(new ServeCommand()).execute();
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
