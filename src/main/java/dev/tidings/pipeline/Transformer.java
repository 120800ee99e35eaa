package dev.tidings.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.log.LogEntry;
import dev.tidings.log.LoggedEvent;
import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.ActiveWebhook;
import dev.tidings.registry.AttributeDefinition;
import dev.tidings.registry.FieldProblem;
import dev.tidings.registry.Registry;
import dev.tidings.registry.ValidationResult;
import dev.tidings.store.NewEvent;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The store-free half of the pipeline: types the raw body under the definition version it was
 * accepted with and computes the unique key. Pure CPU work, so the worker runs it for the next batch
 * on its own thread while the current batch is being written.
 */
final class Transformer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<FieldProblem>> PROBLEMS = new TypeReference<>() {};

    private final Registry registry;
    private final Clock clock;

    Transformer(Registry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    List<Transformed> transform(List<LoggedEvent> events) {
        List<Transformed> out = new ArrayList<>(events.size());
        for (LoggedEvent e : events) {
            out.add(transform(e));
        }
        return out;
    }

    Transformed transform(LoggedEvent logged) {
        LogEntry entry = logged.entry();
        if (!entry.accepted()) {
            return new Transformed(logged, null, null, null, null, rejectedErrors(entry), entry.receivedAt());
        }
        ActiveDefinition definition = registry.definitionVersion(entry.definitionId(), entry.definitionVersion());
        ObjectNode body = parse(entry.body());
        ValidationResult typed = definition == null || body == null ? null : definition.validator().validate(body);
        if (typed == null || !typed.valid()) {
            return new Transformed(logged, definition, typed, null, null, typed == null ? List.of() : typed.problems(),
                    clock.millis());
        }
        String uniqueKey = null;
        ActiveWebhook webhook = registry.webhook(entry.webhookId());
        if (webhook != null && webhook.webhook().uniquenessCheck()) {
            uniqueKey = UniqueKeys.of(entry.eventName(), typed.customerValue(), uniqueValues(definition, body));
        }
        return new Transformed(logged, definition, typed, uniqueKey, NewEvent.attributesJson(typed.attributes()), List.of(),
                clock.millis());
    }

    private static ObjectNode parse(byte[] body) {
        try {
            return JSON.readTree(body) instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The unique-key values as the sender wrote them, so {@code 12} and {@code "12"} make the same key. */
    private static List<String> uniqueValues(ActiveDefinition definition, ObjectNode body) {
        List<String> values = new ArrayList<>(2);
        for (AttributeDefinition a : definition.definition().attributes()) {
            if (a.uniqueKey()) {
                JsonNode v = body.get(a.name());
                values.add(v == null || v.isNull() ? "" : v.asText());
            }
        }
        return values;
    }

    private static List<FieldProblem> rejectedErrors(LogEntry entry) {
        try {
            return entry.errorsJson() == null ? List.of() : JSON.readValue(entry.errorsJson(), PROBLEMS);
        } catch (IOException e) {
            return List.of(FieldProblem.whole("UNREADABLE", "The recorded errors could not be read"));
        }
    }
}
