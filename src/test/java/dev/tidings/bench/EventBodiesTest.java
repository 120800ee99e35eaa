package dev.tidings.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventBodiesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void bodiesAreTheSeedsShapeAsValidJson() throws IOException {
        EventBodies bodies = new EventBodies("be_reserved", "run1", 10_000, 42);

        JsonNode body = json.readTree(bodies.next());

        assertThat(body.get("age").asInt()).isEqualTo(20);
        assertThat(body.get("event_name").asText()).isEqualTo("be_reserved");
        assertThat(body.get("hotel_name").asText()).isEqualTo("Indiranagar");
        assertThat(body.get("room_nights").asText()).isEqualTo("12");
        assertThat(body.get("eventDateTime").asText()).isEqualTo("2024-04-11 12:00:00");
        assertThat(body.get("customer_id").asText()).matches("99\\d{8}");
        assertThat(body.get("external_event_id").asText()).isEqualTo("run1-0");
        assertThat(body.size()).isEqualTo(7);
    }

    @Test
    void everyBodyHasItsOwnExternalEventId() throws IOException {
        EventBodies bodies = new EventBodies("be_reserved", "run1", 10, 42);
        Set<String> ids = new HashSet<>();

        for (int i = 0; i < 20_000; i++) {
            ids.add(json.readTree(bodies.next()).get("external_event_id").asText());
        }

        assertThat(ids).hasSize(20_000);
        assertThat(bodies.made()).isEqualTo(20_000);
    }

    @Test
    void customersStayWithinTheSpreadAndUseAllOfASmallOne() throws IOException {
        EventBodies bodies = new EventBodies("be_reserved", "run1", 5, 7);
        Set<String> customers = new HashSet<>();

        for (int i = 0; i < 1_000; i++) {
            customers.add(json.readTree(bodies.next()).get("customer_id").asText());
        }

        assertThat(customers).containsExactlyInAnyOrder(
                "9900000000", "9900000001", "9900000002", "9900000003", "9900000004");
    }

    @Test
    void theLargestSpreadStillGivesTenDigitMobiles() throws IOException {
        EventBodies bodies = new EventBodies("be_reserved", "r", BenchPlan.MAX_CUSTOMERS, 1);

        for (int i = 0; i < 1_000; i++) {
            assertThat(json.readTree(bodies.next()).get("customer_id").asText()).matches("99\\d{8}");
        }
    }

    @Test
    void theEventNameIsTheOneAskedFor() throws IOException {
        EventBodies bodies = new EventBodies("room_booked_2", "r", 1, 1);

        assertThat(json.readTree(bodies.next()).get("event_name").asText()).isEqualTo("room_booked_2");
    }
}
