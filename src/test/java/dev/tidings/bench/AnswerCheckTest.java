package dev.tidings.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnswerCheckTest {

    @Test
    void theContractsSuccessBodyIsThe1100Answer() {
        assertThat(check("{\"status\":{\"code\":1100,\"message\":\"Event is pushed to transformation state\"},"
                + "\"requestId\":\"defc955f-ebca-4f14-b8d7-e2b885b3f370\"}")).isTrue();
    }

    @Test
    void prettyPrintedBodiesCountToo() {
        assertThat(check("{\n  \"status\" : {\n    \"code\" : 1100\n  }\n}")).isTrue();
    }

    @Test
    void otherCodesAndLookalikesDoNot() {
        assertThat(check("{\"status\":{\"code\":1204}}")).isFalse();
        assertThat(check("{\"status\":{\"code\":11000}}")).isFalse();
        assertThat(check("{\"status\":{\"code\":\"1100\"}}")).isFalse();
        assertThat(check("1100")).isFalse();
        assertThat(check("")).isFalse();
    }

    private static boolean check(String body) {
        return AnswerCheck.is1100(body.getBytes(StandardCharsets.UTF_8));
    }
}
