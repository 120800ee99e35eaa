package dev.tidings.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option defaults in the order users expect: a flag wins, then the environment variable
 * {@code TIDINGS_<NAME>} ({@code --data-dir} is {@code TIDINGS_DATA_DIR}), then the YAML file given by
 * {@code --config} (key {@code data-dir}), then the built-in default.
 *
 * <p>It also remembers where each value came from, so that a bad value is reported against the place
 * the user has to fix ({@code TIDINGS_PORT=abc}, {@code tidings.yaml: port: abc} or {@code --port=abc}),
 * and it refuses YAML keys that are not options: a typo such as {@code prot:} would otherwise be ignored.
 */
public final class ConfigSources implements IDefaultValueProvider {
    private final List<String> args;
    private final Map<String, String> env;
    private final Path file;
    private final JsonNode yaml;

    private ConfigSources(String[] args, Map<String, String> env, Path file, JsonNode yaml) {
        this.args = List.of(args);
        this.env = env;
        this.file = file;
        this.yaml = yaml;
    }

    /** Reads the YAML file named by {@code --config} (or {@code TIDINGS_CONFIG}) before picocli parses. */
    public static ConfigSources from(String[] args, Map<String, String> env) {
        String file = env.get("TIDINGS_CONFIG");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = args[i + 1];
            } else if (args[i].startsWith("--config=")) {
                file = args[i].substring("--config=".length());
            }
        }
        Path path = file == null ? null : Path.of(file);
        return new ConfigSources(args, env, path, path == null ? null : readYaml(path));
    }

    /**
     * Refuses every key of the YAML file that is not one of {@code knownKeys} (the long option names
     * without dashes), naming the file, the key and, for near misses such as {@code dataDir}, the key meant.
     */
    public ConfigSources requireKnownKeys(Set<String> knownKeys) {
        if (yaml == null || yaml.isNull()) {
            return this;
        }
        for (Map.Entry<String, JsonNode> entry : yaml.properties()) {
            String key = entry.getKey();
            if (!knownKeys.contains(key)) {
                String meant = closest(key, knownKeys);
                throw new ConfigException(null, file + ": unknown key " + key
                        + (meant == null ? "" : " (did you mean " + meant + "?)")
                        + "; the keys are the options of serve without dashes: " + new TreeSet<>(knownKeys));
            }
        }
        return this;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        String key = keyOf(option);
        String fromEnv = env.get(variable(key));
        if (fromEnv != null) {
            return fromEnv;
        }
        if (yaml != null && yaml.hasNonNull(key)) {
            return yaml.get(key).asText();
        }
        return option.defaultValue();
    }

    /**
     * Where the value of option {@code key} came from, as the user would write it: the flag when it was
     * given, else the variable, else the file's line, else the flag marked as its default.
     */
    public String sourceOf(String key) {
        String flag = "--" + key;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(flag)) {
                return flag + (i + 1 < args.size() ? "=" + args.get(i + 1) : "");
            }
            if (args.get(i).startsWith(flag + "=")) {
                return args.get(i);
            }
        }
        String fromEnv = env.get(variable(key));
        if (fromEnv != null) {
            return variable(key) + "=" + fromEnv;
        }
        if (yaml != null && yaml.hasNonNull(key)) {
            return file + ": " + key + ": " + yaml.get(key).asText();
        }
        return flag + " (default)";
    }

    /** The long option name without dashes: the YAML key and, upper-cased, the variable's suffix. */
    public static String keyOf(OptionSpec option) {
        return option.longestName().replaceFirst("^--", "");
    }

    private static String variable(String key) {
        return "TIDINGS_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** A known key that differs from {@code key} only in case, dashes or underscores, or null. */
    private static String closest(String key, Set<String> knownKeys) {
        String folded = fold(key);
        List<String> matches = new ArrayList<>();
        for (String known : knownKeys) {
            if (fold(known).equals(folded)) {
                matches.add(known);
            }
        }
        return matches.size() == 1 ? matches.get(0) : null;
    }

    private static String fold(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static JsonNode readYaml(Path file) {
        try {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
            if (node != null && !node.isNull() && !node.isObject()) {
                throw new ConfigException(null, file + " must be a YAML mapping of option names to values");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new ConfigException(null, "--config " + file + ": no such file");
        } catch (IOException e) {
            // The parser's message already says where; the path is added once, here.
            throw new ConfigException(null, "--config " + file + ": cannot be read as YAML: "
                    + e.getMessage().replace(file.toString(), "").trim());
        }
    }
}
