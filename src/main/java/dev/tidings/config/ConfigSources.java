package dev.tidings.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option defaults in the order users expect: a flag wins, then the environment variable
 * {@code TIDINGS_<NAME>} ({@code --data-dir} is {@code TIDINGS_DATA_DIR}), then the YAML file given by
 * {@code --config} (key {@code data-dir}), then the built-in default.
 */
public final class ConfigSources implements IDefaultValueProvider {
    private final Map<String, String> env;
    private final JsonNode yaml;

    private ConfigSources(Map<String, String> env, JsonNode yaml) {
        this.env = env;
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
        return new ConfigSources(env, file == null ? null : readYaml(Path.of(file)));
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        String key = option.longestName().replaceFirst("^--", "");
        String fromEnv = env.get("TIDINGS_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (fromEnv != null) {
            return fromEnv;
        }
        if (yaml != null && yaml.hasNonNull(key)) {
            return yaml.get(key).asText();
        }
        return option.defaultValue();
    }

    private static JsonNode readYaml(Path file) {
        try {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
            if (node != null && !node.isNull() && !node.isObject()) {
                throw new IllegalArgumentException("Invalid configuration: " + file + " must be a YAML mapping of option names to values");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("Invalid configuration: cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
