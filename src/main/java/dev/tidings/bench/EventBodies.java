package dev.tidings.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Makes request bodies in the seed's {@code be_reserved} shape, each with its own
 * {@code external_event_id} (run prefix + counter) and a customer drawn from the spread.
 *
 * <p>The generator shares the machine with the server, so a body costs one array allocation and
 * three copies: the constant parts are encoded once and only the digits are written per request.
 * No JSON library, no String per body.
 *
 * <p>Not thread-safe: owned by the one event-loop thread that sends requests.
 */
final class EventBodies {

    private static final int CUSTOMER_DIGITS = 8;

    private final byte[] head;   // {"age":20,"customer_id":"99
    private final byte[] middle; // ","event_name":"…","external_event_id":"<prefix>-
    private final byte[] tail;   // ","hotel_name":…}
    private final int customers;
    private final SplittableRandom random;
    private long counter;

    /**
     * @param runPrefix makes ids unique across runs, so a webhook with the uniqueness check on does
     *                  not answer later runs' events as duplicates
     * @param seed      fixes the customer sequence, for tests and repeatable runs
     */
    EventBodies(String eventName, String runPrefix, int customers, long seed) {
        this.head = ascii("{\"age\":20,\"customer_id\":\"99");
        this.middle = ascii("\",\"event_name\":\"" + eventName + "\",\"external_event_id\":\"" + runPrefix + "-");
        this.tail = ascii("\",\"hotel_name\":\"Indiranagar\",\"room_nights\":\"12\","
                + "\"eventDateTime\":\"2024-04-11 12:00:00\"}");
        this.customers = customers;
        this.random = new SplittableRandom(seed);
    }

    /** A fresh array each time: the HTTP client owns it until the write completes. */
    byte[] next() {
        long id = counter++;
        int customer = random.nextInt(customers);
        int idDigits = digits(id);
        byte[] body = new byte[head.length + CUSTOMER_DIGITS + middle.length + idDigits + tail.length];
        int at = copy(head, body, 0);
        at = writeDigits(customer, CUSTOMER_DIGITS, body, at);
        at = copy(middle, body, at);
        at = writeDigits(id, idDigits, body, at);
        copy(tail, body, at);
        return body;
    }

    /** How many bodies have been made; the next body's id is this number. */
    long made() {
        return counter;
    }

    private static int copy(byte[] from, byte[] to, int at) {
        System.arraycopy(from, 0, to, at, from.length);
        return at + from.length;
    }

    /** Writes {@code value} right-aligned in {@code width} digits, zero-padded. */
    private static int writeDigits(long value, int width, byte[] to, int at) {
        for (int i = at + width - 1; i >= at; i--) {
            to[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    private static int digits(long value) {
        int n = 1;
        while (value >= 10) {
            value /= 10;
            n++;
        }
        return n;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
