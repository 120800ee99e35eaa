package dev.tidings.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void statesAreJsonThatKeepsEveryMessageExactly() throws Exception {
        String awkward = "attribute \"till\" is REQUIRED\n\tsee \\docs\\ \u0001 ünïcödé \uD83D\uDE00 </script>";
        String json = StoreJson.states(List.of(
                new RequestRecord.State("RECEIVED", 1712836800123L, null),
                new RequestRecord.State("FAILED", -1L, awkward)));

        JsonNode states = JSON.readTree(json);
        assertThat(states.size()).isEqualTo(2);
        assertThat(states.get(0).get("state").asText()).isEqualTo("RECEIVED");
        assertThat(states.get(0).get("at").asLong()).isEqualTo(1712836800123L);
        assertThat(states.get(0).has("message")).as("no message, no field").isFalse();
        assertThat(states.get(1).get("at").asLong()).isEqualTo(-1L);
        assertThat(states.get(1).get("message").asText()).isEqualTo(awkward);
    }

    @Test
    void noStatesIsAnEmptyArray() {
        assertThat(StoreJson.states(List.of())).isEqualTo("[]");
    }
}
