package dev.tidings.api;

import dev.tidings.registry.Definitions;
import dev.tidings.registry.Orgs;
import dev.tidings.registry.Registry;
import dev.tidings.registry.Webhooks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;

/** Mounts the admin API under {@code /api/v1}: body limit, bearer authentication, then the resources. */
public final class AdminRoutes {
    private static final long ADMIN_BODY_LIMIT = 256 * 1024;

    private final AdminAuth auth;
    private final RegistryApi registryApi;
    private final ReadApi readApi;

    public AdminRoutes(String rootTokenSha256Hex, Registry registry, Orgs orgs, Definitions definitions,
            Webhooks webhooks, Supplier<String> baseUrl, String cluster, ReadApi readApi) {
        this.auth = new AdminAuth(rootTokenSha256Hex, registry);
        this.registryApi = new RegistryApi(registry, orgs, definitions, webhooks, baseUrl, cluster);
        this.readApi = readApi;
    }

    public void mount(Router router) {
        router.route("/api/v1/*").handler(BodyHandler.create(false).setBodyLimit(ADMIN_BODY_LIMIT));
        router.routeWithRegex("/api/v1/orgs/(?<org>[^/]+)(/.*)?").handler(auth);
        router.route("/api/v1/*").handler(auth);
        registryApi.mount(router);
        readApi.mount(router);
    }
}
