package dev.tidings.destinations;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * POSTs a delivery with the Standard Webhooks headers (DESIGN §9) through Vert.x's non-blocking HTTP
 * client: no thread waits on an endpoint, so a slow one only holds its own connections. Each
 * destination has a client of its own whose pool is its {@code maxInFlight}, so one endpoint cannot
 * take another's connections.
 *
 * <p>Safety: the host is resolved here (on a small lookup pool, not the event loop), every resolved
 * address is checked against the {@link AddressPolicy}, and the connection goes to that checked address
 * ({@code setServer}), so a name that rebinds to a private address between save and send is refused.
 * Redirects are not followed; of the answer only the first KiB is kept; the whole attempt is bounded
 * by the destination's timeout.
 */
public final class WebhookSender implements Sender {
    private final Vertx vertx;
    private final AddressPolicy addresses;
    private final Clock clock;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final ExecutorService lookups = Executors.newCachedThreadPool(named("tidings-destinations-dns"));

    private record Client(long version, HttpClientAgent http) {}

    private WebhookSender(Vertx vertx, AddressPolicy addresses, Clock clock) {
        this.vertx = vertx;
        this.addresses = addresses;
        this.clock = clock;
    }

    /**
     * A sender on a Vert.x instance of its own (two event loops): deliveries never share an event loop
     * with the intake, so however many are in flight, the intake's loops only serve the intake.
     */
    public static WebhookSender start(AddressPolicy addresses, Clock clock) {
        return new WebhookSender(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1)),
                addresses, clock);
    }

    @Override
    public CompletionStage<SendResult> send(Destination d, Delivery delivery) {
        long started = System.nanoTime();
        URI uri = URI.create(d.settings().url());
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String host = uri.getHost();
        return CompletableFuture.supplyAsync(() -> resolve(host), lookups).thenCompose(resolved -> {
            if (resolved.refusal != null) {
                return CompletableFuture.completedFuture(SendResult.failed(resolved.refusal, millisSince(started)));
            }
            return post(d, delivery, uri, tls, host, port, resolved.address, started);
        });
    }

    private record Resolved(InetAddress address, String refusal) {}

    private Resolved resolve(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] all = InetAddress.getAllByName(bare);
            for (InetAddress a : all) {
                Optional<String> refusal = addresses.refusal(a);
                if (refusal.isPresent()) {
                    return new Resolved(null, "url host " + host + " " + refusal.get());
                }
            }
            return new Resolved(all[0], null);
        } catch (UnknownHostException e) {
            return new Resolved(null, "cannot resolve " + host);
        }
    }

    private CompletionStage<SendResult> post(Destination d, Delivery delivery, URI uri, boolean tls, String host, int port,
            InetAddress address, long started) {
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.millis() / 1000;
        List<String> secrets = new ArrayList<>();
        secrets.add(d.secret());
        if (d.previousSecret() != null && d.previousUntil() > clock.millis()) {
            secrets.add(d.previousSecret());
        }
        long timeout = d.settings().timeout().toMillis();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(host)
                .setPort(port)
                .setSsl(tls)
                .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(timeout)
                .setTimeout(timeout)
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Tidings-Webhooks/1")
                .putHeader("webhook-id", delivery.id())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", WebhookSignature.header(secrets, delivery.id(), timestamp, body));
        d.settings().headers().forEach(options::putHeader);
        long deadline = vertx.setTimer(timeout, id -> result.complete(SendResult.failed(
                "no answer within the timeout of " + timeout + " ms", millisSince(started))));
        // Sent from a context's own thread: called from the DNS thread, the response's future completed as a
        // task queued behind the response itself, so a short answer could end before read() set its handlers
        // (IllegalStateException, and the attempt never completed: seen in DeliveryIsolationTest).
        vertx.getOrCreateContext().runOnContext(v -> client(d).request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .onSuccess(response -> read(response, result, started))
                .onFailure(e -> result.complete(SendResult.failed(describe(e, timeout), millisSince(started)))));
        return result.whenComplete((r, e) -> vertx.cancelTimer(deadline));
    }

    /** Keeps the first KiB of the answer; the rest is read and dropped so the connection can be reused. */
    private static void read(HttpClientResponse response, CompletableFuture<SendResult> result, long started) {
        Buffer kept = Buffer.buffer();
        try {
            response.handler(chunk -> {
                int room = SendResult.BODY_EXCERPT - kept.length();
                if (room > 0) {
                    kept.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
                }
            });
            response.exceptionHandler(e -> result.complete(answered(response, started, kept)));
            response.endHandler(v -> result.complete(answered(response, started, kept)));
        } catch (IllegalStateException ended) {
            // The answer ended before its handlers were set: its status is known, its body is gone.
            result.complete(answered(response, started, Buffer.buffer()));
        }
    }

    private static SendResult answered(HttpClientResponse response, long started, Buffer kept) {
        return new SendResult(response.statusCode(), null, millisSince(started), kept.toString(StandardCharsets.UTF_8),
                retryAfter(response.getHeader("retry-after")));
    }

    private static String describe(Throwable e, long timeout) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.toLowerCase().contains("timeout") || message.toLowerCase().contains("timed out")
                ? "no answer within the timeout of " + timeout + " ms" : "connection failed: " + message;
    }

    /** Retry-After in seconds or as an HTTP date, in ms from now; -1 when absent or unreadable. */
    static long retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String h = header.trim();
        try {
            return Math.max(0, Long.parseLong(h)) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                return Math.max(0, ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli()
                        - System.currentTimeMillis());
            } catch (RuntimeException notADate) {
                return -1;
            }
        }
    }

    private HttpClientAgent client(Destination d) {
        Client c = clients.compute(d.id(), (id, old) -> {
            if (old != null && old.version == d.updatedAt()) {
                return old;
            }
            if (old != null) {
                old.http.close();
            }
            HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                    .setMaxRedirects(0).setDecompressionSupported(false).setTrustAll(false).setVerifyHost(true);
            return new Client(d.updatedAt(), vertx.createHttpClient(options,
                    new PoolOptions().setHttp1MaxSize(d.settings().maxInFlight()).setMaxWaitQueueSize(-1)));
        });
        return c.http;
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public void forget(String destinationId) {
        Client c = clients.remove(destinationId);
        if (c != null) {
            c.http.close();
        }
    }

    @Override
    public void close() {
        clients.values().forEach(c -> c.http.close());
        clients.clear();
        lookups.shutdownNow();
        vertx.close().await();
    }

    static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
