package dev.tidings.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link IntakeKeys} does (idempotency keys and Segment messageIds); run against each implementation. */
public abstract class IntakeKeysContract {
    private static final long NOW = 1_700_000_000_000L;
    private static final long WINDOW = 86_400_000L;
    private static final long STALE = 60_000L;

    /** A store on a new, empty database. */
    protected abstract IntakeKeys keys();

    private List<IntakeKeys.Claim> claim(String scope, List<String> keys, String fingerprint, long now) {
        return keys().claim(scope, keys, fingerprint, now, now - WINDOW, now - STALE);
    }

    @Test
    void theFirstClaimOwnsTheKeyAndARepeatSeesItInFlightWithTheFirstFingerprint() {
        assertThat(claim("w1", List.of("k"), "fp-a", NOW).get(0).state()).isEqualTo(IntakeKeys.State.CLAIMED);

        IntakeKeys.Claim again = claim("w1", List.of("k"), "fp-b", NOW + 10).get(0);

        assertThat(again.state()).isEqualTo(IntakeKeys.State.IN_FLIGHT);
        assertThat(again.fingerprint()).isEqualTo("fp-a");
    }

    @Test
    void aCompletedKeyIsReplayedWithItsAnswerUntilTheWindowEnds() {
        claim("w1", List.of("k"), "fp", NOW);
        keys().complete("w1", List.of("k"), 400, "{\"x\":1}".getBytes(StandardCharsets.UTF_8));

        IntakeKeys.Claim replay = claim("w1", List.of("k"), "fp", NOW + WINDOW - 1).get(0);
        IntakeKeys.Claim expired = claim("w1", List.of("k"), "fp-new", NOW + WINDOW + 1).get(0);

        assertThat(replay.state()).isEqualTo(IntakeKeys.State.DONE);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(new String(replay.answer(), StandardCharsets.UTF_8)).isEqualTo("{\"x\":1}");
        assertThat(expired.state()).isEqualTo(IntakeKeys.State.CLAIMED);
        assertThat(expired.fingerprint()).isEqualTo("fp-new");
    }

    @Test
    void aReleasedKeyCanBeClaimedAgainButACompletedOneIsNotReleased() {
        claim("w1", List.of("free", "kept"), "fp", NOW);
        keys().complete("w1", List.of("kept"), 200, new byte[0]);

        keys().release("w1", List.of("free", "kept"));

        List<IntakeKeys.Claim> again = claim("w1", List.of("free", "kept"), "fp", NOW + 5);
        assertThat(again).extracting(IntakeKeys.Claim::state).containsExactly(IntakeKeys.State.CLAIMED, IntakeKeys.State.DONE);
    }

    @Test
    void aKeyInFlightSinceBeforeTheStaleLimitIsClaimedAfresh() {
        claim("w1", List.of("k"), "fp", NOW);

        assertThat(claim("w1", List.of("k"), "fp", NOW + STALE + 1).get(0).state()).isEqualTo(IntakeKeys.State.CLAIMED);
    }

    @Test
    void scopesAreApartAndClaimsComeBackInTheOrderOfTheKeys() {
        claim("w1", List.of("b"), "fp", NOW);

        List<IntakeKeys.Claim> claims = claim("w2", List.of("a", "b"), "fp", NOW);
        List<IntakeKeys.Claim> mixed = claim("w1", List.of("a", "b"), "fp", NOW);

        assertThat(claims).extracting(IntakeKeys.Claim::state).containsExactly(IntakeKeys.State.CLAIMED, IntakeKeys.State.CLAIMED);
        assertThat(mixed).extracting(IntakeKeys.Claim::state).containsExactly(IntakeKeys.State.CLAIMED, IntakeKeys.State.IN_FLIGHT);
    }

    @Test
    void purgeDeletesOnlyKeysClaimedBeforeTheLimit() {
        claim("w1", List.of("old"), "fp", NOW);
        claim("w1", List.of("new"), "fp", NOW + 1000);

        assertThat(keys().purge(NOW + 1)).isEqualTo(1);
        assertThat(claim("w1", List.of("old", "new"), "fp", NOW + 1001)).extracting(IntakeKeys.Claim::state)
                .containsExactly(IntakeKeys.State.CLAIMED, IntakeKeys.State.IN_FLIGHT);
    }
}
