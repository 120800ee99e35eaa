package dev.tidings.cli;

import dev.tidings.config.ServerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code serve} prints once it is listening: the address it actually bound (host and port as
 * the socket has them, so {@code 0.0.0.0:8080} is not passed off as {@code 127.0.0.1}), then the URLs
 * to use, which with {@code --public-url} are that URL's, not the bind address.
 */
final class StartBanner {
    private StartBanner() {}

    static List<String> lines(ServerConfig config, int boundPort, String baseUrl) {
        List<String> lines = new ArrayList<>();
        String host = config.host();
        String bound = (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort;
        boolean everyInterface = host.equals("0.0.0.0") || host.equals("::");
        lines.add("Tidings listening on " + bound + (everyInterface ? " (every interface)" : ""));
        if (config.publicUrl() != null && !config.publicUrl().isBlank()) {
            lines.add("  public URL: " + baseUrl + " (from --public-url)");
        }
        lines.add("  webhooks: " + baseUrl + "/" + config.cluster() + "/webhooks/{webhookId}");
        lines.add("  admin:    " + baseUrl + "/api/v1");
        if (config.deployment().role().intake()) {
            lines.add("  console:  " + baseUrl + "/console/ (sign in with the root admin token or an org's API key)");
        }
        return lines;
    }
}
