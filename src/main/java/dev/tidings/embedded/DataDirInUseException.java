package dev.tidings.embedded;

import java.nio.file.Path;

/** Another process holds the data directory: this one must not start on it. */
public final class DataDirInUseException extends RuntimeException {
    public DataDirInUseException(Path dataDir) {
        super("data directory " + dataDir.toAbsolutePath().normalize() + " is in use by another Tidings process");
    }
}
