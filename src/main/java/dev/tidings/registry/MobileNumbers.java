package dev.tidings.registry;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * MOBILE identifiers as one customer key however they were written: {@code +91 98765 43210},
 * {@code +91-98765-43210} and {@code +919876543210} are one customer, {@code 919876543210} (E.164's
 * digits, without the display {@code +}). International numbers are read by libphonenumber, which knows
 * every country's lengths; a number without {@code +} has no country to check against, so its
 * separators are dropped and its digits kept as they are (the seed's {@code 9933772255}).
 *
 * <p>The common case, digits only, returns the input itself without touching libphonenumber; only
 * numbers with a {@code +} or separators pay for parsing. Stateless and thread-safe.
 */
public final class MobileNumbers {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final int MIN_DIGITS = 6;
    private static final int MAX_DIGITS = 20;
    private static volatile boolean warm;

    private MobileNumbers() {}

    /**
     * Loads libphonenumber's metadata of every country now, so that the first event from a new
     * country does not read it from the jar on an event loop. Called where MOBILE definitions are
     * compiled (admin worker threads, start-up); the work is done once.
     */
    static void warmUp() {
        if (!warm) {
            warm = true;
            for (String region : PHONES.getSupportedRegions()) {
                PHONES.getExampleNumber(region); // reads that region's metadata
            }
        }
    }

    /** The identifier key of {@code text}, or null when it is not a plausible mobile number. */
    public static String normalise(String text) {
        if (text.isEmpty() || text.length() > 64) {
            return null;
        }
        if (isDigits(text)) {
            return text.length() >= MIN_DIGITS && text.length() <= MAX_DIGITS ? text : null;
        }
        if (!onlyPhoneCharacters(text)) {
            return null;
        }
        if (text.charAt(0) == '+') {
            try {
                PhoneNumber number = PHONES.parse(text, "ZZ");
                if (!PHONES.isPossibleNumber(number)) {
                    return null;
                }
                return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1);
            } catch (NumberParseException e) {
                return null;
            }
        }
        String digits = PhoneNumberUtil.normalizeDigitsOnly(text);
        return digits.length() >= MIN_DIGITS && digits.length() <= MAX_DIGITS ? digits : null;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Digits and the separators people type: a leading +, spaces, dashes, dots and parentheses. */
    private static boolean onlyPhoneCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')'
                    || c == '+' && i == 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
