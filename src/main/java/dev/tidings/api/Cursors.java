package dev.tidings.api;

import dev.tidings.store.Cursor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opaque page cursors: base64url of {@code <list letter><time>.<requestId>}. The letter keeps a logs
 * cursor from being replayed on event-data (their times mean different things); anything that does not
 * decode to exactly this form is refused, so a tampered cursor is a 400, never a wrong page or a 500.
 */
final class Cursors {
    static final char LOGS = 'L';
    static final char EVENTS = 'E';
    /** A destination's deliveries: creation time and deliveryId. */
    static final char DELIVERIES = 'D';
    /** A customer's loyalty ledger: the time is the entry's sequence number. */
    static final char LEDGER = 'G';
    /** An org's customers: creation time and customer id. */
    static final char CUSTOMERS = 'C';
    private static final Pattern FORM = Pattern.compile("([LEDGC])(-?\\d{1,19})\\.([0-9A-Za-z_-]{1,64})");
    private static final int MAX_LENGTH = 128;

    private Cursors() {}

    static String encode(char list, Cursor cursor) {
        if (cursor == null) {
            return null;
        }
        String text = list + Long.toString(cursor.at()) + "." + cursor.requestId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The decoded cursor, or null when the text is not a cursor of this list. */
    static Cursor decode(char list, String text) {
        if (text.length() > MAX_LENGTH) {
            return null;
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        Matcher m = FORM.matcher(plain);
        if (!m.matches() || m.group(1).charAt(0) != list) {
            return null;
        }
        try {
            return new Cursor(Long.parseLong(m.group(2)), m.group(3));
        } catch (NumberFormatException outOfRange) {
            return null;
        }
    }
}
