package dev.tidings.pipeline;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** The de-duplication key of one event (MD5 over name, customer and unique values). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UniqueKeyBenchmark {
    private static final List<String> VALUES = List.of("RAND121");

    @Benchmark
    public String uniqueKeyOfSeedEvent() {
        return UniqueKeys.of("be_reserved", "9933772255", VALUES);
    }
}
