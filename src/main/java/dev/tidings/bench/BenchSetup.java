package dev.tidings.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Prepares a server for a bench run through the admin API: the org and the event definition (both
 * kept if they exist, so setup can be repeated against the same data dir) and a fresh webhook whose
 * URL and credential the run then uses. The definition stays a draft: draft events are accepted as
 * test events, which is all a bench needs, and publishing would first require a verified event.
 *
 * <p>Blocking, on the main thread, before any load: a handful of calls, so the JDK client is simpler
 * than wiring Vert.x for them.
 */
final class BenchSetup {

    private static final int CREATED = 201;
    private static final int CONFLICT = 409;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance: the admin API speaks HTTP/1.1
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final String adminUrl;
    private final String bearer;

    /** The webhook the run posts to. */
    record Webhook(String url, String credential) {
    }

    BenchSetup(String adminUrl, String adminToken) {
        this.adminUrl = adminUrl.endsWith("/") ? adminUrl.substring(0, adminUrl.length() - 1) : adminUrl;
        this.bearer = "Bearer " + adminToken;
    }

    Webhook prepare(String org, String eventName) throws IOException, InterruptedException {
        ObjectNode orgBody = json.createObjectNode().put("id", org).put("name", org);
        post("/api/v1/orgs", orgBody);
        post("/api/v1/orgs/" + org + "/events", eventDefinition(eventName));
        JsonNode webhook = createWebhook(org);
        String url = webhook.path("url").asText(null);
        String credential = webhook.path("credential").asText(null);
        if (url == null || credential == null) {
            throw new IOException("webhook answer lacks url or credential: " + webhook);
        }
        return new Webhook(url, credential);
    }

    /** The seed's be_reserved shape, under the name the run will post. */
    ObjectNode eventDefinition(String eventName) {
        ObjectNode def = json.createObjectNode().put("name", eventName)
                .put("displayName", "Bench " + eventName)
                .put("description", "Created by tidings bench --setup");
        ArrayNode attributes = def.putArray("attributes");
        attributes.addObject().put("name", "customer_id").put("type", "CUSTOMER").put("required", true)
                .put("identifierType", "MOBILE").put("addCustomerIfNotExists", true);
        attributes.addObject().put("name", "age").put("type", "DOUBLE").put("required", true);
        attributes.addObject().put("name", "external_event_id").put("type", "STRING").put("required", true)
                .put("uniqueKey", true);
        attributes.addObject().put("name", "hotel_name").put("type", "STRING").put("required", true);
        ArrayNode values = attributes.addObject().put("name", "room_nights").put("type", "ENUM")
                .put("required", true).putArray("values");
        values.add("1").add("2").add("3").add("12");
        return def;
    }

    private JsonNode createWebhook(String org) throws IOException, InterruptedException {
        String path = "/api/v1/orgs/" + org + "/webhooks";
        JsonNode created = post(path, json.createObjectNode().put("name", "bench"));
        if (created != null) {
            return created;
        }
        // Webhook names may be unique per org; a second setup then gets its own name.
        String name = "bench-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
        JsonNode renamed = post(path, json.createObjectNode().put("name", name));
        if (renamed == null) {
            throw new IOException("POST " + path + " answered 409 twice");
        }
        return renamed;
    }

    /**
     * @return the answer body on 201; null on 409 (already exists)
     * @throws IOException on any other answer, naming the call and what the server said
     */
    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(adminUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == CREATED || status == 200) {
            return json.readTree(response.body());
        }
        if (status == CONFLICT) {
            return null;
        }
        throw new IOException("POST " + path + " answered " + status + ": " + response.body());
    }
}
