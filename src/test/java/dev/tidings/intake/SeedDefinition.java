package dev.tidings.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.app.Demo;
import dev.tidings.registry.ActiveDefinition;
import dev.tidings.registry.DefinitionRules;
import dev.tidings.registry.DefinitionStatus;
import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.EventValidator;
import dev.tidings.registry.ParsedDefinition;
import dev.tidings.registry.TestStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The seed's {@code be_reserved} definition, read through the same rules the admin API applies. */
final class SeedDefinition {
    static final String JSON = Demo.DEFINITION;

    private SeedDefinition() {}

    static ActiveDefinition active(DefinitionStatus status) {
        try {
            ParsedDefinition parsed = DefinitionRules.parse(new ObjectMapper().readTree(JSON));
            Instant at = Instant.parse("2024-04-11T12:00:00Z");
            EventDefinition d = new EventDefinition("0123456789abcdef0123456789abcdef", "default", parsed.name(),
                    null, null, parsed.attributes(), parsed.unknownAttributes(), status, TestStatus.NOT_VERIFIED, 1, at, at);
            return new ActiveDefinition(d, EventValidator.forDefinition(d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
