package dev.tidings.destinations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The key that seals destination secrets: {@code --destination-secret-key} (base64 of 32 bytes) when
 * given — what a cluster's nodes must share —, else {@code <data-dir>/destinations.key}, created with
 * owner-only permissions on first start, like the generated admin token.
 */
public final class SecretKeys {
    static final String FILE = "destinations.key";

    private SecretKeys() {}

    public static SecretBox resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return new SecretBox(Base64.getDecoder().decode(configured.trim()));
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return new SecretBox(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim()));
            }
            Files.createDirectories(dataDir);
            byte[] key = SecretBox.newKey();
            Path tmp = dataDir.resolve(FILE + ".tmp");
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions protect it.
            }
            Files.move(tmp, file);
            return new SecretBox(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
