package dev.tidings.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.tidings.config.ConfigException;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * {@code --log-format} and {@code --log-level}: applied once by {@code serve} before the server starts,
 * replacing the stderr appender {@link LogConfigurator} installed. {@code json} is Logback's own
 * {@link JsonEncoder} (one object per line, for log collectors); {@code text} is the default pattern,
 * dated ISO-8601 with the zone offset so lines from machines in different zones sort and compare.
 */
public final class LogSettings {
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{20} - %msg%n";

    private LogSettings() {}

    /** @throws ConfigException naming the key when a value is not one of the allowed ones */
    public static void apply(String format, String level) {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("text") && !f.equals("json")) {
            throw new ConfigException("log-format", "must be text or json, got " + format);
        }
        Level parsed = Level.toLevel(level.toUpperCase(Locale.ROOT), null);
        if (parsed == null) {
            throw new ConfigException("log-level", "must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, got " + level);
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // Another SLF4J binding was put first on the class path: its own configuration applies.
        }
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(parsed);
        if (root.getAppender(LogConfigurator.APPENDER) instanceof ConsoleAppender<ILoggingEvent> stderr) {
            stderr.stop();
            stderr.setEncoder(encoder(context, f.equals("json")));
            stderr.start();
        }
    }

    static Encoder<ILoggingEvent> encoder(LoggerContext context, boolean json) {
        if (json) {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(context);
            encoder.start();
            return encoder;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }
}
