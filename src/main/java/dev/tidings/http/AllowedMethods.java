package dev.tidings.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code Allow} header of a 405 (RFC 9110 requires it): the methods of every route whose path
 * matches the request's. Vert.x Web answers 405 without saying which methods would do, so the route
 * table is read once when the router is built; only a 405 pays for the lookup.
 */
public final class AllowedMethods {
    private record Entry(Pattern path, Set<HttpMethod> methods) {}

    private final List<Entry> entries;

    private AllowedMethods(List<Entry> entries) {
        this.entries = entries;
    }

    /** Reads the routes that have both a path (with {@code :param} segments; routeWithRegex has none) and methods. */
    public static AllowedMethods of(Router router) {
        List<Entry> entries = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            Set<HttpMethod> methods = route.methods();
            if (route.getPath() == null || methods == null || methods.isEmpty()) {
                continue;
            }
            entries.add(new Entry(toPattern(route.getPath()), Set.copyOf(methods)));
        }
        return new AllowedMethods(entries);
    }

    /** E.g. {@code "GET, PUT"}; empty when no route has this path. */
    public String forPath(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Set<String> names = new TreeSet<>();
        for (Entry e : entries) {
            if (e.path().matcher(p).matches()) {
                e.methods().forEach(m -> names.add(m.name()));
            }
        }
        return String.join(", ", names);
    }

    private static Pattern toPattern(String routePath) {
        StringBuilder regex = new StringBuilder();
        String[] segments = routePath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                regex.append('/');
            }
            String segment = segments[i];
            regex.append(segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment));
        }
        return Pattern.compile(regex.toString());
    }
}
