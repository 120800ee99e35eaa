package dev.tidings.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The OpenAPI 3.1 document served at {@code /openapi.json}, assembled once at start from every fragment
 * {@code openapi/*.json} on the class path, each {@code {"paths":{…},"components":{"schemas":{…}}}} and
 * written by the feature that owns the routes. Fragments are found by listing the directory that holds
 * {@code openapi/core.json} — a plain directory under {@code mvn test}, a directory inside the shaded jar
 * in production — so a feature adds its routes' documentation by adding a file, without a list to keep.
 *
 * <p>Two fragments naming the same operation (path and method) or the same component with different
 * content stop the start: the document would otherwise silently say one of two things.
 */
public final class OpenApiDocument {
    static final String DIRECTORY = "openapi";
    private static final String ANCHOR = DIRECTORY + "/core.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDocument() {}

    /** The assembled document as JSON text. */
    public static String assemble(String version) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info")
                .put("title", "Tidings")
                .put("version", version)
                .put("description", "Behavioral events: webhook intake, admin API, health and metrics. "
                        + "Errors always have the shape {status:{code,message},requestId?,errors:[{attribute?,code,message}]}.");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("basic").put("type", "http").put("scheme", "basic")
                .put("description", "A webhook's credential: user:password or a bare token");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer")
                .put("description", "The root token, or an org's API key for that org's resources");
        for (Fragment f : fragments()) {
            mergePaths(paths, f);
            mergeComponents(components, f);
        }
        return doc.toString();
    }

    private record Fragment(String name, JsonNode json) {}

    private static void mergePaths(ObjectNode paths, Fragment f) {
        for (Iterator<Map.Entry<String, JsonNode>> it = f.json().path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            ObjectNode target = paths.has(path.getKey()) ? (ObjectNode) paths.get(path.getKey()) : paths.putObject(path.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (target.has(op.getKey()) && !target.get(op.getKey()).equals(op.getValue())) {
                    throw new IllegalStateException("OpenAPI fragment " + f.name() + " documents " + op.getKey().toUpperCase()
                            + " " + path.getKey() + " again, differently");
                }
                target.set(op.getKey(), op.getValue());
            }
        }
    }

    private static void mergeComponents(ObjectNode components, Fragment f) {
        for (Iterator<Map.Entry<String, JsonNode>> kinds = f.json().path("components").fields(); kinds.hasNext(); ) {
            Map.Entry<String, JsonNode> kind = kinds.next();
            ObjectNode target = components.has(kind.getKey()) ? (ObjectNode) components.get(kind.getKey())
                    : components.putObject(kind.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> it = kind.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                if (target.has(c.getKey()) && !target.get(c.getKey()).equals(c.getValue())) {
                    throw new IllegalStateException("OpenAPI fragment " + f.name() + " defines components." + kind.getKey()
                            + "." + c.getKey() + " differently from another fragment");
                }
                target.set(c.getKey(), c.getValue());
            }
        }
    }

    /** Every fragment, core first, the rest by name so the document is the same on every start. */
    private static List<Fragment> fragments() {
        URL anchor = OpenApiDocument.class.getClassLoader().getResource(ANCHOR);
        if (anchor == null) {
            throw new IllegalStateException(ANCHOR + " is missing from the class path");
        }
        try {
            URI uri = anchor.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                }
                return read(jar.getPath("/" + DIRECTORY));
            }
            return read(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list the OpenAPI fragments next to " + anchor + ": " + e.getMessage(), e);
        }
    }

    private static List<Fragment> read(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted((a, b) -> sortKey(a).compareTo(sortKey(b))).toList();
        }
        List<Fragment> fragments = new ArrayList<>(files.size());
        for (Path p : files) {
            try (InputStream in = Files.newInputStream(p)) {
                JsonNode json = JSON.readTree(in);
                if (json == null || !json.isObject()) {
                    throw new IllegalStateException("OpenAPI fragment " + p.getFileName() + " is not a JSON object");
                }
                fragments.add(new Fragment(p.getFileName().toString(), json));
            } catch (IOException e) {
                throw new UncheckedIOException("OpenAPI fragment " + p.getFileName() + " is not valid JSON: " + e.getMessage(), e);
            }
        }
        return fragments;
    }

    private static String sortKey(Path p) {
        String name = p.getFileName().toString();
        return name.equals("core.json") ? "" : name;
    }
}
