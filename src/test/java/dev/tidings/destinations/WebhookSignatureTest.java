package dev.tidings.destinations;

import static dev.tidings.destinations.StandardWebhooksCheck.VECTOR_BODY;
import static dev.tidings.destinations.StandardWebhooksCheck.VECTOR_ID;
import static dev.tidings.destinations.StandardWebhooksCheck.VECTOR_SECRET;
import static dev.tidings.destinations.StandardWebhooksCheck.VECTOR_SIGNATURE;
import static dev.tidings.destinations.StandardWebhooksCheck.VECTOR_TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsTheSpecificationsTestVectorExactly() {
        assertThat(WebhookSignature.header(List.of(VECTOR_SECRET), VECTOR_ID, VECTOR_TIMESTAMP,
                VECTOR_BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void theTestsIndependentCheckAcceptsTheVectorAndRefusesATamperedBody() {
        assertThat(StandardWebhooksCheck.verifies(VECTOR_SECRET, VECTOR_ID, "1614265330", VECTOR_BODY, VECTOR_SIGNATURE)).isTrue();
        assertThat(StandardWebhooksCheck.verifies(VECTOR_SECRET, VECTOR_ID, "1614265330", "{\"test\": 2432232315}",
                VECTOR_SIGNATURE)).isFalse();
    }

    @Test
    void signsWithEverySecretSpaceSeparatedDuringARotation() {
        String old = WebhookSignature.newSecret();
        String current = WebhookSignature.newSecret();
        String header = WebhookSignature.header(List.of(current, old), "msg_1", 1700000000L, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(StandardWebhooksCheck.verifies(old, "msg_1", "1700000000", "{}", header)).isTrue();
        assertThat(StandardWebhooksCheck.verifies(current, "msg_1", "1700000000", "{}", header)).isTrue();
    }

    @Test
    void newSecretsAreWhsecAndThirtyTwoRandomBytes() {
        String s = WebhookSignature.newSecret();
        assertThat(s).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(s.substring(6))).hasSize(32);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(s);
    }
}
