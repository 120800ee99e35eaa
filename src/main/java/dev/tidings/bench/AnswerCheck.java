package dev.tidings.bench;

import io.vertx.core.buffer.Buffer;

/**
 * Decides whether a 200 body is the 1100 answer. A bench that only counted statuses would miss a
 * server answering 200 with something else, yet a full JSON parse per answer would cost the
 * generator more than the answer is worth; so this looks for {@code "code"}, then {@code 1100},
 * allowing whitespace around the colon. Stateless; called on the event-loop thread.
 */
final class AnswerCheck {

    private static final byte[] KEY = {'"', 'c', 'o', 'd', 'e', '"'};
    private static final byte[] VALUE = {'1', '1', '0', '0'};

    private AnswerCheck() {
    }

    static boolean is1100(Buffer body) {
        return is1100(body.getBytes());
    }

    static boolean is1100(byte[] body) {
        int key = indexOf(body, KEY, 0);
        if (key < 0) {
            return false;
        }
        int at = skipSpace(body, key + KEY.length);
        if (at >= body.length || body[at] != ':') {
            return false;
        }
        at = skipSpace(body, at + 1);
        if (!startsAt(body, VALUE, at)) {
            return false;
        }
        int after = at + VALUE.length;
        // 11000 is not 1100.
        return after == body.length || body[after] < '0' || body[after] > '9';
    }

    private static int skipSpace(byte[] b, int at) {
        while (at < b.length && (b[at] == ' ' || b[at] == '\n' || b[at] == '\r' || b[at] == '\t')) {
            at++;
        }
        return at;
    }

    private static int indexOf(byte[] b, byte[] what, int from) {
        for (int i = from; i <= b.length - what.length; i++) {
            if (startsAt(b, what, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsAt(byte[] b, byte[] what, int at) {
        if (at + what.length > b.length) {
            return false;
        }
        for (int j = 0; j < what.length; j++) {
            if (b[at + j] != what[j]) {
                return false;
            }
        }
        return true;
    }
}
