package dev.tidings.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Posts one batch as NDJSON to the webhook's batch endpoint and returns the parsed answer. Each batch
 * carries an {@code Idempotency-Key} made of its content, so a batch sent again after an interruption
 * (acknowledged, but after the last checkpoint) is answered from the first time and stored once.
 * 429 and 503 are retried after their {@code Retry-After}; connection failures with a growing pause.
 * Called from the sender's threads; blocking.
 */
final class BatchPoster {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 10;

    /** The server's answer: HTTP status and body (null when there was none). */
    record Answer(int status, JsonNode body) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI batchUrl;
    private final String authorization;
    private final Sleeper sleeper;

    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    BatchPoster(String webhookUrl, String credential, Sleeper sleeper) {
        String base = webhookUrl.endsWith("/") ? webhookUrl.substring(0, webhookUrl.length() - 1) : webhookUrl;
        this.batchUrl = URI.create(base.endsWith("/batch") ? base : base + "/batch");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8));
        this.sleeper = sleeper;
    }

    URI url() {
        return batchUrl;
    }

    /** The answer, after retries; an exception when the server could not be reached at all. */
    Answer post(String ndjson) throws IOException, InterruptedException {
        byte[] body = ndjson.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(batchUrl)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", authorization)
                .header("Idempotency-Key", "send-" + sha256(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        IOException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e;
                sleeper.sleep(Math.min(30_000, 250L << attempt));
                continue;
            }
            int status = response.statusCode();
            if ((status == 429 || status == 503 || status == 409) && attempt < MAX_ATTEMPTS) {
                sleeper.sleep(retryAfterMillis(response));
                continue;
            }
            return new Answer(status, parse(response.body()));
        }
        throw last != null ? last : new IOException("no answer from " + batchUrl + " after " + MAX_ATTEMPTS + " attempts");
    }

    private static long retryAfterMillis(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse("1");
        try {
            return Math.max(100, Math.min(300_000, Long.parseLong(value.trim()) * 1000));
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
