package dev.tidings.cli;

import dev.tidings.app.Migrate;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tidings migrate}: the store options of {@code serve}; applies the migrations and exits. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply the store's schema migrations and exit.")
public final class MigrateCommand implements Callable<Integer> {

    @Option(names = "--config", description = "Optional YAML file whose keys are these options' long names.")
    Path configFile;

    @Option(names = "--data-dir", defaultValue = "./data", description = "Directory of the SQLite databases. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--postgres-url", description = "postgresql://user:password@host:port/db (default: SQLite in --data-dir).")
    String postgresUrl;

    @Override
    public Integer call() {
        System.out.println(Migrate.run(dataDir, postgresUrl == null || postgresUrl.isBlank() ? null : postgresUrl));
        return 0;
    }
}
