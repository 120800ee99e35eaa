package dev.tidings.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests with the same not-yet-verified credential share one slow PBKDF2 check (the stall
 * after a restart, when every client reconnects at once); a generated credential needs no worker at all.
 */
class SingleFlightVerificationTest {
    private static final String GIVEN = "shop:a-migrated-password";
    private final CredentialHashes hashes = new CredentialHashes(new byte[32]);
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final AtomicInteger slowChecks = new AtomicInteger();
    /** Holds the submitted checks until every request has asked, so they are truly concurrent. */
    private final LinkedBlockingQueue<Runnable> held = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void concurrentRequestsWithTheSameGivenCredentialShareOneSlowCheck() throws Exception {
        ActiveWebhook hook = webhook(hashes.forGiven(GIVEN));
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            answers.add(hook.verify(GIVEN, Secrets.sha256(GIVEN), this::holdSlowCheck));
        }
        assertThat(answers).allSatisfy(f -> assertThat(f).isNotDone());
        releaseHeld();

        for (CompletableFuture<Boolean> f : answers) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(slowChecks).hasValue(1);
        assertThat(hook.knownGood(Secrets.sha256(GIVEN))).isTrue();
    }

    @Test
    void differentCredentialsAreCheckedApartAndAWrongOneFails() throws Exception {
        ActiveWebhook hook = webhook(hashes.forGiven(GIVEN));
        CompletableFuture<Boolean> right = hook.verify(GIVEN, Secrets.sha256(GIVEN), this::holdSlowCheck);
        CompletableFuture<Boolean> wrong = hook.verify("shop:wrong-password", Secrets.sha256("shop:wrong-password"),
                this::holdSlowCheck);
        CompletableFuture<Boolean> wrongAgain = hook.verify("shop:wrong-password",
                Secrets.sha256("shop:wrong-password"), this::holdSlowCheck);
        releaseHeld();

        assertThat(right.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong.get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(wrongAgain.get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(slowChecks).hasValue(2);
        assertThat(hook.knownBad(Secrets.sha256("shop:wrong-password"))).isTrue();
    }

    @Test
    void aGeneratedCredentialIsVerifiedInlineWithoutAWorker() throws Exception {
        String generated = Secrets.newToken("whk_");
        ActiveWebhook hook = webhook(hashes.forGenerated(generated));

        CompletableFuture<Boolean> ok = hook.verify(generated, Secrets.sha256(generated), this::holdSlowCheck);
        CompletableFuture<Boolean> bad = hook.verify(generated + "0", Secrets.sha256(generated + "0"), this::holdSlowCheck);

        assertThat(ok).isCompletedWithValue(true);
        assertThat(bad).isCompletedWithValue(false);
        assertThat(held).isEmpty();
    }

    @Test
    void aRequestAfterTheSharedCheckFinishedStartsNoNewOne() throws Exception {
        ActiveWebhook hook = webhook(hashes.forGiven(GIVEN));
        CompletableFuture<Boolean> first = hook.verify(GIVEN, Secrets.sha256(GIVEN), this::holdSlowCheck);
        releaseHeld();
        assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();

        assertThat(hook.knownGood(Secrets.sha256(GIVEN))).isTrue();
        assertThat(slowChecks).hasValue(1);
    }

    private void holdSlowCheck(Runnable check) {
        held.add(() -> {
            slowChecks.incrementAndGet();
            check.run();
        });
    }

    private void releaseHeld() {
        Runnable r;
        while ((r = held.poll()) != null) {
            pool.execute(r);
        }
    }

    private ActiveWebhook webhook(String credentialHash) {
        return new ActiveWebhook(new Webhook("d61233f75191444e73a577bbbd4c26eb", "org", "hook", false, true,
                credentialHash, Instant.EPOCH, Instant.EPOCH), hashes);
    }
}
