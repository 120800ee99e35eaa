package dev.tidings.config;

/**
 * A configuration value that cannot be used: names the option's key (its long name without dashes)
 * and the rule it breaks. {@code tidings} turns it into one line on standard error naming the source
 * (flag, variable or file) and exits with code 2; it is an {@link IllegalArgumentException} so that
 * callers that only want "bad input" need not know it.
 */
public final class ConfigException extends IllegalArgumentException {
    private final String key;
    private final String rule;

    public ConfigException(String key, String rule) {
        super("Invalid configuration: " + (key == null ? "" : key + " ") + rule);
        this.key = key;
        this.rule = rule;
    }

    /** The option's key, such as {@code port}; null when the problem is not one option's (an unreadable file). */
    public String key() {
        return key;
    }

    public String rule() {
        return rule;
    }
}
