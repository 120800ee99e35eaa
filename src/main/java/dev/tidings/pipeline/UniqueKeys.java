package dev.tidings.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The de-duplication key of DOMAIN.md: MD5, lower-case hex, of the event name, the customer's
 * identifier value and the unique-key attribute values in definition order, joined by {@code _}.
 * {@code Appointment}, {@code 9123456789}, {@code refID} → {@code 779069e41a8afde74b2c526bce59e51a}.
 */
public final class UniqueKeys {
    private UniqueKeys() {}

    public static String of(String eventName, String customerValue, List<String> uniqueValues) {
        StringBuilder text = new StringBuilder(eventName).append('_').append(customerValue);
        for (String v : uniqueValues) {
            text.append('_').append(v);
        }
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
