package dev.tidings.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.registry.DefinitionStatus;
import dev.tidings.registry.EventValidator;
import dev.tidings.registry.ValidationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The intake's per-event CPU work: parse the seed's body once and validate it against be_reserved. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseAndValidateBenchmark {
    static final byte[] SEED_BODY = ("{\"age\":20,\"customer_id\":\"9933772255\",\"event_name\":\"be_reserved\","
            + "\"external_event_id\":\"RAND121\",\"hotel_name\":\"Indiranagar\",\"room_nights\":\"12\","
            + "\"eventDateTime\":\"2024-04-11 12:00:00\"}").getBytes(StandardCharsets.UTF_8);

    private IntakeJson json;
    private EventValidator validator;

    @Setup
    public void setUp() throws IOException {
        json = new IntakeJson(16, 32 * 1024);
        validator = SeedDefinition.active(DefinitionStatus.PUBLISHED).validator();
    }

    @Benchmark
    public ValidationResult parseAndValidateSeedEvent() throws IOException {
        return validator.validate((ObjectNode) json.reader().readTree(SEED_BODY));
    }

    @Benchmark
    public Object parseOnly() throws IOException {
        return json.reader().readTree(SEED_BODY);
    }
}
