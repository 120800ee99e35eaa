package dev.tidings.api;

import static dev.tidings.api.ReadFixture.all;
import static dev.tidings.api.ReadFixture.awaitRequest;
import static dev.tidings.api.ReadFixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the read APIs show after the pipeline has handled an event: the seed's example and its variants. */
class PipelineOutcomesTest {
    private static final String SEED_BODY = """
            {"age":20,"customer_id":"9933772255","event_name":"be_reserved","external_event_id":"RAND121",
             "hotel_name":"Indiranagar","room_nights":"12","eventDateTime":"2024-04-11 12:00:00"}""";
    private static final String APPOINTMENT = """
            {"name":"Appointment","attributes":[
              {"name":"mobile","type":"CUSTOMER","required":true,"identifierType":"MOBILE","addCustomerIfNotExists":true},
              {"name":"ref","type":"STRING","required":true,"uniqueKey":true}]}""";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theSeedEventIsProcessedWithTypedAttributesAndItsEventTime() {
        String requestId = post(server, ReadFixture.seedHook(), SEED_BODY);

        JsonNode request = awaitRequest(server, "default", requestId);
        assertThat(request.get("status").asText()).isEqualTo("PROCESSED");
        assertThat(request.get("test").asBoolean()).isTrue();
        JsonNode event = all(server, "default", "event-data", "requestId=" + requestId).get(0);
        assertThat(event.get("eventDateTime").asLong()).isEqualTo(1712836800000L);
        assertThat(event.get("attributes").get("age").isDouble()).isTrue();
        assertThat(event.get("attributes").get("age").asDouble()).isEqualTo(20.0);
        assertThat(event.get("attributes").get("room_nights").isTextual()).isTrue();
        assertThat(event.get("attributes").get("room_nights").asText()).isEqualTo("12");
        assertThat(event.get("customer").get("identifierType").asText()).isEqualTo("MOBILE");
        assertThat(event.get("customer").get("identifierValue").asText()).isEqualTo("9933772255");
        assertThat(event.get("isDuplicate").asBoolean()).isFalse();
        // The demo webhook checks uniqueness: MD5 of be_reserved_9933772255_RAND121 (DOMAIN.md).
        assertThat(event.get("uniqueKey").asText()).isEqualTo("95bfe773788ab24a41aa134d1f101954");
    }

    @Test
    void aRequestShowsItsStatesInOrderFromReceivedToProcessedWithUtcTimes() {
        String requestId = post(server, ReadFixture.seedHook(), SEED_BODY.replace("RAND121", "RAND122"));

        JsonNode states = awaitRequest(server, "default", requestId).get("states");
        List<String> names = new ArrayList<>();
        states.forEach(s -> names.add(s.get("state").asText()));
        assertThat(names).startsWith("RECEIVED").endsWith("PROCESSED").contains("TRANSFORMED", "CUSTOMER_RESOLVED");
        states.forEach(s -> assertThat(s.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
    }

    @Test
    void aRejectedRequestIsVisibleWithItsErrors() {
        TestServer.Answer answer = server.postEvent(ReadFixture.SEED_WEBHOOK, ReadFixture.SEED_CREDENTIAL,
                SEED_BODY.replace("\"age\":20", "\"age\":\"abc\""));
        assertThat(answer.status()).isEqualTo(400);

        JsonNode request = awaitRequest(server, "default", answer.json().get("requestId").asText());
        assertThat(request.get("status").asText()).isEqualTo("REJECTED");
        assertThat(request.get("errors").get(0).get("attribute").asText()).isEqualTo("age");
        assertThat(request.get("errors").get(0).get("code").asText()).isEqualTo("WRONG_TYPE");
    }

    @Test
    void anUnknownCustomerIsRegisteredWhenTheDefinitionSaysSo() {
        String requestId = post(server, ReadFixture.seedHook(), SEED_BODY.replace("9933772255", "9933770001"));
        awaitRequest(server, "default", requestId);

        TestServer.Answer customer = server.root("GET", "/api/v1/orgs/default/customers/MOBILE/9933770001", null);
        assertThat(customer.status()).isEqualTo(200);
        assertThat(customer.json().get("identifiers").get(0).get("type").asText()).isEqualTo("MOBILE");
        assertThat(customer.json().get("identifiers").get(0).get("value").asText()).isEqualTo("9933770001");
        JsonNode event = all(server, "default", "event-data", "requestId=" + requestId).get(0);
        assertThat(event.get("customer").get("id").asText()).isEqualTo(customer.json().get("id").asText());
    }

    @Test
    void anUnknownCustomerFailsTheEventWithNoCustomerDetailsWhenTheDefinitionDoesNotAddCustomers() {
        ReadFixture.org(server, "strict");
        ReadFixture.event(server, "strict", APPOINTMENT.replace("\"addCustomerIfNotExists\":true", "\"addCustomerIfNotExists\":false"));
        ReadFixture.Hook hook = ReadFixture.webhook(server, "strict", false);

        String requestId = post(server, hook, "{\"event_name\":\"Appointment\",\"mobile\":\"9123456789\",\"ref\":\"x\"}");

        JsonNode request = awaitRequest(server, "strict", requestId);
        assertThat(request.get("status").asText()).isEqualTo("FAILED");
        assertThat(request.get("reason").asText()).isEqualTo("NO_CUSTOMER_DETAILS");
        assertThat(all(server, "strict", "event-data", "requestId=" + requestId)).isEmpty();
    }

    @Test
    void aRepeatIsADuplicateWithTheDomainExampleKeyWhileTheSameRefForAnotherCustomerIsNot() {
        ReadFixture.org(server, "clinic");
        ReadFixture.event(server, "clinic", APPOINTMENT);
        ReadFixture.Hook hook = ReadFixture.webhook(server, "clinic", true);
        String body = "{\"event_name\":\"Appointment\",\"mobile\":\"9123456789\",\"ref\":\"refID\"}";

        String first = post(server, hook, body);
        assertThat(awaitRequest(server, "clinic", first).get("status").asText()).isEqualTo("PROCESSED");
        String repeat = post(server, hook, body);
        String other = post(server, hook, body.replace("9123456789", "9123456780"));

        assertThat(awaitRequest(server, "clinic", repeat).get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(awaitRequest(server, "clinic", other).get("status").asText()).isEqualTo("PROCESSED");
        JsonNode firstEvent = all(server, "clinic", "event-data", "requestId=" + first).get(0);
        JsonNode repeatEvent = all(server, "clinic", "event-data", "requestId=" + repeat).get(0);
        JsonNode otherEvent = all(server, "clinic", "event-data", "requestId=" + other).get(0);
        assertThat(firstEvent.get("uniqueKey").asText()).isEqualTo("779069e41a8afde74b2c526bce59e51a");
        assertThat(firstEvent.get("isDuplicate").asBoolean()).isFalse();
        assertThat(repeatEvent.get("uniqueKey").asText()).isEqualTo("779069e41a8afde74b2c526bce59e51a");
        assertThat(repeatEvent.get("isDuplicate").asBoolean()).isTrue();
        assertThat(otherEvent.get("isDuplicate").asBoolean()).isFalse();
        assertThat(otherEvent.get("uniqueKey").asText()).isNotEqualTo("779069e41a8afde74b2c526bce59e51a");
    }

    @Test
    void aProcessedTestEventVerifiesTheDefinitionWhichThenPublishes() {
        ReadFixture.org(server, "verify");
        ReadFixture.event(server, "verify", APPOINTMENT);
        ReadFixture.Hook hook = ReadFixture.webhook(server, "verify", false);
        TestServer.Answer early = server.root("POST", "/api/v1/orgs/verify/events/Appointment/publish", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("status").get("code").asInt()).isEqualTo(AdminError.NOT_VERIFIED.code());

        String requestId = post(server, hook, "{\"event_name\":\"Appointment\",\"mobile\":\"9123456789\",\"ref\":\"a\"}");
        assertThat(awaitRequest(server, "verify", requestId).get("test").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.root("GET", "/api/v1/orgs/verify/events/Appointment", null)
                .json().get("testStatus").asText().equals("VERIFIED"));

        TestServer.Answer published = server.root("POST", "/api/v1/orgs/verify/events/Appointment/publish", null);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().get("status").asText()).isEqualTo("PUBLISHED");
    }
}
