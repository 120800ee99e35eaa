package dev.tidings.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP endpoint on 127.0.0.1 that destinations deliver to: it records every request (headers
 * lower-cased, body) and answers from a script of statuses (then 200). {@link #hold} makes it a slow
 * endpoint that keeps every request open until {@link #release}: a latch, not a sleep.
 */
public final class WebhookSink implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Received(Map<String, String> headers, String body, long at) {
        public String header(String name) {
            return headers.get(name);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** One scripted answer: a status and optional extra headers. */
    record Reply(int status, Map<String, String> headers) {
        static Reply of(int status) {
            return new Reply(status, Map.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Reply> script = new ConcurrentLinkedDeque<>();
    private volatile CountDownLatch held = new CountDownLatch(0);
    private volatile int defaultStatus = 200;

    public WebhookSink() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next answers, in order; after them the default status. */
    WebhookSink answer(int... statuses) {
        for (int s : statuses) {
            script.add(Reply.of(s));
        }
        return this;
    }

    WebhookSink answer(Reply reply) {
        script.add(reply);
        return this;
    }

    WebhookSink always(int status) {
        defaultStatus = status;
        return this;
    }

    public void hold() {
        held = new CountDownLatch(1);
    }

    public void release() {
        held.countDown();
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Requests received for one requestId (the event's), in arrival order. */
    List<Received> forRequest(String requestId) {
        return received().stream().filter(r -> requestId.equals(r.json().path("event").path("requestId").asText())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            received.add(new Received(headers, body, System.currentTimeMillis()));
            held.await(60, TimeUnit.SECONDS);
            Reply reply = script.poll();
            if (reply == null) {
                reply = Reply.of(defaultStatus);
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] answer = ("answer " + reply.status()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
