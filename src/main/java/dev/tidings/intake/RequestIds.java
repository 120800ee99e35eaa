package dev.tidings.intake;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids are UUID version 7: time-ordered, so the store's indexes on them grow at the right edge
 * instead of splitting pages at random, and random enough (74 bits) never to collide. They are not
 * secrets — reading a request needs the org's key — so ThreadLocalRandom spares the hot path the
 * SecureRandom lock that UUID.randomUUID takes.
 */
final class RequestIds {
    private RequestIds() {}

    static String next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
