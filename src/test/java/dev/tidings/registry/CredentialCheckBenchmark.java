package dev.tidings.registry;

import java.time.Instant;
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

/**
 * The credential check as the intake does it per request: SHA-256 of the presented credential and a
 * constant-time compare with the digest remembered after the first (slow, PBKDF2) verification.
 * {@code slowFirstVerification} shows what every request would cost without that cache (a given
 * credential's PBKDF2); {@code generatedFirstVerification} the keyed hash of a generated one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CredentialCheckBenchmark {
    private static final String CREDENTIAL = "test_div69fffddb";
    private static final String GENERATED = Secrets.newToken("whk_");
    private final CredentialHashes hashes = new CredentialHashes(new byte[32]);
    private ActiveWebhook webhook;
    private String generatedHash;

    @Setup
    public void setUp() {
        webhook = new ActiveWebhook(new Webhook("d61233f75191444e73a577bbbd4c26eb", "bench", "bench", false, true,
                Secrets.hashCredential(CREDENTIAL), Instant.EPOCH, Instant.EPOCH), hashes);
        generatedHash = hashes.forGenerated(GENERATED);
        webhook.verifySlowly(CREDENTIAL, Secrets.sha256(CREDENTIAL));
    }

    @Benchmark
    public boolean knownCredential() {
        return webhook.knownGood(Secrets.sha256(CREDENTIAL));
    }

    @Benchmark
    @Measurement(iterations = 3, time = 2)
    public boolean slowFirstVerification() {
        return Secrets.verifyCredential(CREDENTIAL, webhook.webhook().credentialHash());
    }

    @Benchmark
    public boolean generatedFirstVerification() {
        return hashes.verify(GENERATED, generatedHash);
    }
}
