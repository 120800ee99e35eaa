package dev.tidings.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;

/** Mounts the admin API under {@code /api/v1}: body limit, bearer authentication, then the resources. */
public final class AdminRoutes {
    private static final long ADMIN_BODY_LIMIT = 256 * 1024;

    private final AdminAuth auth;
    private final RegistryApi registryApi;
    private final ReadApi readApi;
    private final PipelineApi pipelineApi;
    private final DestinationsApi destinationsApi;
    private final LoyaltyApi loyaltyApi;
    private final ReprocessApi reprocessApi;

    public AdminRoutes(String rootTokenSha256Hex, AdminServices services, Supplier<String> baseUrl, String cluster) {
        this.auth = new AdminAuth(rootTokenSha256Hex, services.registry());
        this.registryApi = new RegistryApi(services.registry(), services.orgs(), services.definitions(),
                services.webhooks(), baseUrl, cluster);
        this.readApi = new ReadApi(services.reads(), services.registry(), services.clock(), services.destinations(),
                services.loyalty() == null ? null : services.loyalty().store(),
                services.pending());
        this.pipelineApi = new PipelineApi(services.pipeline());
        this.destinationsApi = services.destinations() == null ? null
                : new DestinationsApi(services.destinations(), services.clock());
        this.loyaltyApi = services.loyalty() == null ? null : new LoyaltyApi(services.loyalty(), services.reads());
        this.reprocessApi = services.reprocessor() == null ? null : new ReprocessApi(services.reprocessor());
    }

    public void mount(Router router) {
        router.route("/api/v1/*").handler(BodyHandler.create(false).setBodyLimit(ADMIN_BODY_LIMIT));
        router.routeWithRegex("/api/v1/orgs/(?<org>[^/]+)(/.*)?").handler(auth);
        router.route("/api/v1/*").handler(auth);
        registryApi.mount(router);
        readApi.mount(router);
        pipelineApi.mount(router);
        if (destinationsApi != null) {
            destinationsApi.mount(router);
        }
        if (loyaltyApi != null) {
            loyaltyApi.mount(router);
        }
        if (reprocessApi != null) {
            reprocessApi.mount(router);
        }
    }
}
