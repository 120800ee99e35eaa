package dev.tidings.registry;

/**
 * An upper bound of how large a pattern becomes once its counted repetitions are expanded:
 * {@code (a{999}){999}} is a million copies of {@code a}. RE2/J matches in linear time, but it expands
 * counted repetitions when compiling, and a 21-character pattern such as {@code ((a{999}){999}){999}}
 * exhausts the heap while being saved. Each atom counts 1, a group the sum of its parts, a repetition
 * multiplies what it repeats by its largest count; this overestimates (alternatives add up), which is
 * the safe side. Scans the text once without allocating; runs only when a definition is saved.
 */
final class PatternCost {
    /** Far above any real pattern; far below what makes compiling slow. */
    static final long MAX = 10_000;
    private static final long CAP = MAX * 1_000;
    private static final int MAX_DEPTH = 100;

    private PatternCost() {}

    /** The estimated expanded size, at most {@code MAX * 1000}. */
    static long of(String pattern) {
        long[] total = new long[MAX_DEPTH + 1];
        long[] last = new long[MAX_DEPTH + 1];
        int depth = 0;
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '(' && depth < MAX_DEPTH) {
                depth++;
                total[depth] = 0;
                last[depth] = 0;
                i++;
                continue;
            }
            if (c == ')' && depth > 0) {
                long group = Math.max(1, total[depth]);
                depth--;
                total[depth] = Math.min(CAP, total[depth] + group);
                last[depth] = group;
                i++;
                continue;
            }
            if (c == '{') {
                int close = pattern.indexOf('}', i);
                long count = close < 0 ? -1 : largestCount(pattern, i + 1, close);
                if (count >= 0) {
                    long repeated = Math.min(CAP, last[depth] * Math.max(1, count));
                    total[depth] = Math.min(CAP, total[depth] - last[depth] + repeated);
                    last[depth] = repeated;
                    i = close + 1;
                    continue;
                }
            }
            i = atomEnd(pattern, i);
            total[depth] = Math.min(CAP, total[depth] + 1);
            last[depth] = 1;
        }
        while (depth > 0) {
            long group = Math.max(1, total[depth]);
            depth--;
            total[depth] = Math.min(CAP, total[depth] + group);
        }
        return total[0];
    }

    /** Where the atom starting at {@code i} ends: an escape, a character class, or one character. */
    private static int atomEnd(String p, int i) {
        char c = p.charAt(i);
        if (c == '\\') {
            return Math.min(p.length(), i + 2);
        }
        if (c == '[') {
            int j = i + 1;
            if (j < p.length() && p.charAt(j) == '^') {
                j++;
            }
            if (j < p.length() && p.charAt(j) == ']') {
                j++;
            }
            while (j < p.length() && p.charAt(j) != ']') {
                j += p.charAt(j) == '\\' ? 2 : 1;
            }
            return Math.min(p.length(), j + 1);
        }
        return i + 1;
    }

    /** The larger bound of {@code n}, {@code n,} or {@code n,m} between {@code from} and {@code to}; -1 when not a count. */
    private static long largestCount(String p, int from, int to) {
        long best = -1;
        long current = -1;
        for (int j = from; j < to; j++) {
            char c = p.charAt(j);
            if (c >= '0' && c <= '9') {
                current = Math.min(CAP, (current < 0 ? 0 : current * 10) + (c - '0'));
            } else if (c == ',' && best < 0 && current >= 0) {
                best = current;
                current = -1;
            } else {
                return -1;
            }
        }
        if (best < 0 && current < 0) {
            return -1;
        }
        // {n,} repeats without bound: RE2 expands n copies and a loop.
        return Math.max(best, current) + (current < 0 ? 1 : 0);
    }
}
