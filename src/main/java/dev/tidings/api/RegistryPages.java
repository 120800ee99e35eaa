package dev.tidings.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.registry.FieldProblem;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Pages of registry lists (orgs, event definitions, webhooks) in the {@code {items,nextCursor}} shape
 * of every list. The registry is in memory and sorted by creation then id, so a cursor is the sort key
 * of the last item handed out (opaque Base64): a page is what follows it, stable under inserts.
 */
final class RegistryPages {
    private static final Set<String> PARAMS = Set.of("limit", "cursor");

    private RegistryPages() {}

    /** {@code sortKey} must order {@code sorted} as it is ordered; {@code view} renders one item. */
    static <T> ObjectNode page(List<T> sorted, Function<T, String> sortKey, Function<T, ObjectNode> view,
            MultiMap params, String list) {
        List<FieldProblem> problems = new ArrayList<>();
        for (String name : params.names()) {
            if (!PARAMS.contains(name)) {
                problems.add(FieldProblem.of(name, "UNKNOWN_PARAMETER", name + " is not a parameter of " + list
                        + "; the parameters are " + new TreeSet<>(PARAMS)));
            }
        }
        int limit = limit(params.get("limit"), problems);
        String after = cursor(params.get("cursor"), problems);
        if (!problems.isEmpty()) {
            throw ReadParams.invalid(problems);
        }
        List<T> items = new ArrayList<>();
        String next = null;
        for (T item : sorted) {
            if (after != null && sortKey.apply(item).compareTo(after) <= 0) {
                continue;
            }
            if (items.size() == limit) {
                next = encode(sortKey.apply(items.get(items.size() - 1)));
                break;
            }
            items.add(item);
        }
        return Views.list(items, view, next);
    }

    /** A sort key that orders like (createdAt, id): the instant's fixed-width text sorts as its time. */
    static String key(java.time.Instant createdAt, String id) {
        return String.format("%020d", createdAt.toEpochMilli()) + "|" + id;
    }

    static int limit(String text, List<FieldProblem> problems) {
        if (text == null) {
            return ReadParams.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= ReadParams.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // Reported below with the allowed range.
        }
        problems.add(FieldProblem.of("limit", "INVALID_VALUE", "limit must be a whole number from 1 to "
                + ReadParams.MAX_LIMIT + ", got " + text));
        return ReadParams.DEFAULT_LIMIT;
    }

    private static String cursor(String text, List<FieldProblem> problems) {
        if (text == null) {
            return null;
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            if (key.length() > 21 && key.charAt(20) == '|') {
                return key;
            }
        } catch (IllegalArgumentException ignored) {
            // Reported below.
        }
        problems.add(FieldProblem.of("cursor", "INVALID_VALUE", "cursor is not one this list handed out"));
        return null;
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
