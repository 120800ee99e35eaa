package dev.tidings.api;

import dev.tidings.registry.Registry;
import dev.tidings.registry.Secrets;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Authenticates {@code Authorization: Bearer <token>} on every admin route. Tokens are long random
 * strings, so their SHA-256 digest identifies them: the root token's digest is compared in constant
 * time, an org key is found by its digest. Then, for routes under {@code /orgs/{org}}, an org key may
 * only reach its own org; any other org is answered 404, exactly as if it did not exist.
 */
final class AdminAuth implements Handler<RoutingContext> {
    static final String PRINCIPAL = "tidings.principal";

    private final byte[] rootDigest;
    private final Registry registry;

    AdminAuth(String rootTokenSha256Hex, Registry registry) {
        this.rootDigest = HexFormat.of().parseHex(rootTokenSha256Hex);
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.get(PRINCIPAL) != null) {
            ctx.next();
            return;
        }
        Principal principal = principal(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (principal == null) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"tidings\"");
            (new AdminFailure(AdminError.UNAUTHORIZED, null)).sendTo(ctx.response());
            return;
        }
        String org = ctx.pathParam("org");
        if (org != null && (!principal.mayAccess(org) || registry.org(org).isEmpty())) {
            (AdminFailure.notFound("Org " + org)).sendTo(ctx.response());
            return;
        }
        ctx.put(PRINCIPAL, principal);
        ctx.next();
    }

    private Principal principal(String header) {
        if (header == null || header.length() > 512 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        byte[] digest = Secrets.sha256(header.substring(7).trim());
        if (MessageDigest.isEqual(digest, rootDigest)) {
            return Principal.ROOT;
        }
        return registry.orgIdForApiKeyHash(HexFormat.of().formatHex(digest)).map(Principal::new).orElse(null);
    }
}
