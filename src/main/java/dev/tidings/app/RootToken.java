package dev.tidings.app;

import dev.tidings.registry.RegistryStore;
import dev.tidings.registry.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The root admin token. Given with {@code --admin-token}, it replaces the stored one; otherwise the
 * first start generates one, prints it once and writes it to {@code <data-dir>/admin-token} readable by
 * the owner only — the one file meant to hold a secret. The database keeps only its SHA-256 digest.
 */
final class RootToken {
    static final String FILE = "admin-token";
    private static final String SETTING = "root_token_sha256";

    private RootToken() {}

    /** The digest to authenticate against, and the token when it was generated now (to print once). */
    record Resolved(String sha256Hex, Optional<String> generated) {}

    static Resolved resolve(String given, RegistryStore store, Path dataDir) {
        if (given != null) {
            String digest = Secrets.sha256Hex(given);
            store.putSetting(SETTING, digest);
            return new Resolved(digest, Optional.empty());
        }
        Optional<String> stored = store.setting(SETTING);
        if (stored.isPresent()) {
            return new Resolved(stored.get(), Optional.empty());
        }
        String token = Secrets.newToken("tdr_");
        writeOwnerOnly(dataDir.resolve(FILE), token);
        String digest = Secrets.sha256Hex(token);
        store.putSetting(SETTING, digest);
        return new Resolved(digest, Optional.of(token));
    }

    private static void writeOwnerOnly(Path file, String token) {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
