package dev.tidings.intake;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads the credential out of an {@code Authorization: Basic} header: the decoded text as a whole,
 * {@code user:password} or a bare token, because that is what the webhook was given and hashed.
 */
final class BasicCredential {
    private static final int MAX_HEADER = 1024;

    private BasicCredential() {}

    /** The decoded credential, or null when the header is missing or not a well-formed Basic value. */
    static String parse(String header) {
        if (header == null || header.length() < 7 || header.length() > MAX_HEADER
                || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(header.substring(6).trim());
            return decoded.length == 0 ? null : new String(decoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
