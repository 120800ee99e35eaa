package dev.tidings.cli;

import dev.tidings.config.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code -V}: the version Maven built (see {@link BuildInfo}). */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"tidings " + BuildInfo.current().version()};
    }
}
