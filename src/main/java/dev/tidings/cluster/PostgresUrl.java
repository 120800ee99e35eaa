package dev.tidings.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a PostgreSQL database is and who to log in as, parsed from {@code --postgres-url}. Accepts the
 * libpq form {@code postgresql://user:password@host:port/db} (the one DESIGN §7 documents, and what
 * {@code psql} takes) and the JDBC form {@code jdbc:postgresql://host:port/db?user=…&password=…}, so an
 * operator can paste either. The credentials are kept apart from the JDBC URL so that the URL can be
 * logged and the password never is.
 */
public record PostgresUrl(String host, int port, String database, String user, String password) {
    static final int DEFAULT_PORT = 5432;

    public PostgresUrl {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("postgres url must name a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("postgres url port must be a number from 1 to 65535");
        }
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("postgres url must name a database, as in postgresql://user:password@host:5432/tidings");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("postgres url must name a user, as in postgresql://user:password@host:5432/tidings");
        }
        password = password == null ? "" : password;
    }

    /** Parses either accepted form; the message of the exception says what is wrong and never repeats the password. */
    public static PostgresUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("postgres url is empty");
        }
        String trimmed = text.strip();
        String rest = trimmed.startsWith("jdbc:") ? trimmed.substring("jdbc:".length()) : trimmed;
        if (!rest.startsWith("postgresql://") && !rest.startsWith("postgres://")) {
            throw new IllegalArgumentException("postgres url must start with postgresql:// or jdbc:postgresql://");
        }
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("postgres url is not a valid URL (characters such as @ or / in the password must be percent-encoded)");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (key.equals("user")) {
                    user = value;
                } else if (key.equals("password")) {
                    password = value;
                }
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new PostgresUrl(uri.getHost(), port, database, user, password);
    }

    /** The JDBC URL without credentials: safe to log. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostAndPort() + "/" + database;
    }

    /** The libpq form with the password, for handing to {@code --postgres-url} or {@code psql}. */
    public String toUrl() {
        return "postgresql://" + encode(user) + ":" + encode(password) + "@" + hostAndPort() + "/" + database;
    }

    /** The same server and credentials, another database: for creating databases from an admin connection. */
    public PostgresUrl withDatabase(String otherDatabase) {
        return new PostgresUrl(host, port, otherDatabase, user, password);
    }

    /** Never shows the password, so a record printed in a log or an exception stays harmless. */
    @Override
    public String toString() {
        return "postgresql://" + user + "@" + hostAndPort() + "/" + database;
    }

    private String hostAndPort() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return h + ":" + port;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
