package dev.tidings.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.DefinitionStatus;
import dev.tidings.registry.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever bytes a sender posts, the intake's parse+validate path answers with an accepted event or a
 * rejection that has a 4xx status, a code and a message — never an exception, never INTERNAL.
 */
class HostileBodyProperties {
    private static final BodyCheck CHECK = new BodyCheck(new IntakeJson(16, 32 * 1024));
    private static final ActiveDefinition DRAFT = SeedDefinition.active(DefinitionStatus.DRAFT);
    private static final ActiveDefinition DISABLED = SeedDefinition.active(DefinitionStatus.DISABLED);
    private static final Function<String, ActiveDefinition> DEFINITIONS =
            name -> name.equals("be_reserved") ? DRAFT : name.equals("gone") ? DISABLED : null;

    @Property(tries = 3000)
    void anyHostileBodyIsAcceptedOrRejectedWithACodeAndAMessage(@ForAll("hostile") byte[] body) {
        assertWellFormed(CHECK.check(body, DEFINITIONS));
    }

    @Property(tries = 300)
    void deepNestingIsRejectedAsTooDeepOrInvalidNeverAStackOverflow(@ForAll("deep") byte[] body) {
        assertWellFormed(CHECK.check(body, DEFINITIONS));
    }

    @Property(tries = 500)
    void nanAndInfinityInAnySpellingAreNeverAcceptedAsTheDoubleAge(@ForAll("notNumbers") byte[] body) {
        BodyCheck.Outcome outcome = CHECK.check(body, DEFINITIONS);
        assertWellFormed(outcome);
        if (outcome instanceof BodyCheck.Accepted accepted) {
            Object age = accepted.result().attributes().get("age");
            assertThat(age).isInstanceOf(Double.class);
            assertThat(Double.isFinite((Double) age)).as("age of %s", text(body)).isTrue();
        }
    }

    @Property(tries = 300)
    void aDuplicateKeyIsAlwaysRejected(@ForAll("duplicates") byte[] body) {
        BodyCheck.Outcome outcome = CHECK.check(body, DEFINITIONS);
        assertWellFormed(outcome);
        assertThat(outcome).as(text(body)).isInstanceOf(BodyCheck.Rejected.class);
    }

    @Property(tries = 300)
    void invalidUtf8IsRejectedOrAcceptedButNeverThrows(@ForAll("badUtf8") byte[] body) {
        assertWellFormed(CHECK.check(body, DEFINITIONS));
    }

    @Property(tries = 200)
    void aDisabledEventIsRejectedWhateverItsBody(@ForAll("wrongTypes") byte[] body) {
        String renamed = text(body).replace("\"event_name\":\"be_reserved\"", "\"event_name\":\"gone\"");
        BodyCheck.Outcome outcome = CHECK.check(renamed.getBytes(StandardCharsets.UTF_8), DEFINITIONS);
        assertWellFormed(outcome);
        assertThat(outcome).isInstanceOf(BodyCheck.Rejected.class);
    }

    @Provide
    Arbitrary<byte[]> hostile() {
        return HostileBodies.any();
    }

    @Provide
    Arbitrary<byte[]> deep() {
        return HostileBodies.deepNesting();
    }

    @Provide
    Arbitrary<byte[]> notNumbers() {
        return HostileBodies.notNumbers();
    }

    @Provide
    Arbitrary<byte[]> duplicates() {
        return HostileBodies.duplicateKeys();
    }

    @Provide
    Arbitrary<byte[]> badUtf8() {
        return HostileBodies.invalidUtf8();
    }

    @Provide
    Arbitrary<byte[]> wrongTypes() {
        return HostileBodies.wrongTypes();
    }

    static void assertWellFormed(BodyCheck.Outcome outcome) {
        assertThat(outcome).isNotNull();
        if (outcome instanceof BodyCheck.Rejected r) {
            assertThat(r.error()).isNotEqualTo(IntakeError.INTERNAL);
            assertThat(r.error().httpStatus()).isBetween(400, 499);
            assertThat(r.message()).isNotBlank();
            for (FieldProblem p : r.problems()) {
                assertThat(p.code()).matches("[A-Z_]+");
                assertThat(p.message()).isNotBlank();
            }
        } else {
            assertThat(((BodyCheck.Accepted) outcome).result().valid()).isTrue();
        }
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
