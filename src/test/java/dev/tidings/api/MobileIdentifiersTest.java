package dev.tidings.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A MOBILE sent in international form is one customer under its E.164 digits; the event keeps what was sent. */
class MobileIdentifiersTest {
    private static final String CALL = """
            {"name":"call","attributes":[
              {"name":"phone","type":"CUSTOMER","required":true,"identifierType":"MOBILE","addCustomerIfNotExists":true}]}""";

    @Test
    void spacedAndCompactInternationalNumbersAreOneCustomer() {
        try (TestServer server = TestServer.start()) {
            ReadFixture.org(server, "tel");
            ReadFixture.event(server, "tel", CALL);
            ReadFixture.Hook hook = ReadFixture.webhook(server, "tel", false);
            ReadFixture.post(server, hook, "{\"event_name\":\"call\",\"phone\":\"+91 98765 43210\"}");
            ReadFixture.post(server, hook, "{\"event_name\":\"call\",\"phone\":\"+919876543210\"}");
            ReadFixture.awaitLogSize(server, "tel", 2);
            await().atMost(Duration.ofSeconds(20)).until(() -> ReadFixture.all(server, "tel", "event-data", "").size() == 2);

            TestServer.Answer customer = server.root("GET", "/api/v1/orgs/tel/customers/MOBILE/919876543210", null);
            assertThat(customer.status()).as(customer.body()).isEqualTo(200);
            List<JsonNode> events = ReadFixture.all(server, "tel", "event-data",
                    "customer=" + ReadFixture.encode("MOBILE:+91 98765 43210"));
            assertThat(events).hasSize(2);
            assertThat(events).extracting(e -> e.at("/customer/identifierValue").textValue()).containsOnly("919876543210");
            assertThat(events).extracting(e -> e.at("/attributes/phone").textValue())
                    .containsExactlyInAnyOrder("+91 98765 43210", "+919876543210");
        }
    }
}
