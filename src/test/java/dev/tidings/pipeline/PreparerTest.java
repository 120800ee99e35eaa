package dev.tidings.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.embedded.SqliteDatabase;
import dev.tidings.embedded.SqliteRegistryStore;
import dev.tidings.log.AcceptedEvent;
import dev.tidings.log.ConsumedRecord;
import dev.tidings.registry.AttributeDefinition;
import dev.tidings.registry.AttributeType;
import dev.tidings.registry.DefinitionStatus;
import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.Org;
import dev.tidings.registry.Registry;
import dev.tidings.registry.RegistryStore;
import dev.tidings.registry.TestStatus;
import dev.tidings.registry.UnknownAttributes;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster worker meets an event accepted under a definition version made on another node moments
 * ago. Its registry's catch-up (timer or notification) may be applying that very change at that
 * moment: the pipeline's own catch-up then waits for it and finds nothing left to apply.
 */
class PreparerTest {
    private static final Instant AT = Instant.parse("2026-12-02T04:00:00Z");
    private static final EventDefinition STAY = new EventDefinition("0123456789abcdef0123456789abcdef", "brand", "stay",
            "Stay", null, List.of(new AttributeDefinition("guest", AttributeType.CUSTOMER, true, false, null, null,
                    IdentifierType.MOBILE, true)),
            UnknownAttributes.IGNORE, DefinitionStatus.DRAFT, TestStatus.NOT_VERIFIED, 1, AT, AT);

    @TempDir
    Path dir;

    @Test
    void findsADefinitionVersionThatAnotherCatchUpWasApplyingWhenTheEventArrived() throws Exception {
        try (SqliteDatabase database = SqliteDatabase.open(dir.resolve("tidings.db"), "store", false)) {
            SqliteRegistryStore shared = new SqliteRegistryStore(database);
            HeldReads store = new HeldReads(shared);
            Registry worker = Registry.load(store.proxy());
            // Made through another node: only the shared store and its change feed know it yet.
            shared.insertOrg(new Org("brand", "Brand", AT, Org.DEFAULT_TIMEZONE), "digest");
            shared.insertDefinitionVersion(STAY);

            store.holdNextDefinitionRead.set(true);
            Thread timer = new Thread(worker::catchUp, "registry-timer");
            timer.start();
            assertThat(store.applying.await(10, TimeUnit.SECONDS)).isTrue();

            AtomicReference<Prepared> prepared = new AtomicReference<>();
            Thread pipeline = new Thread(() -> prepared.set(new Preparer(worker, Clock.systemUTC()).prepare(accepted())),
                    "pipeline");
            pipeline.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.getState() == Thread.State.BLOCKED);
            store.release.countDown();
            pipeline.join(10_000);
            timer.join(10_000);

            assertThat(prepared.get().failure()).as(prepared.get().failureReason()).isNull();
            assertThat(prepared.get().definition().definition().version()).isEqualTo(1);
        }
    }

    private static ConsumedRecord accepted() {
        AcceptedEvent event = new AcceptedEvent("request-1", "brand", "webhook-1", "stay", STAY.id(), 1,
                AT.toEpochMilli(), false, "9933772255", null, Map.of("guest", "9933772255"), null, new byte[0]);
        return new ConsumedRecord(0, 0, event, null);
    }

    /** The real store, with one definition read held until released, as a slow read would be. */
    private static final class HeldReads {
        final AtomicBoolean holdNextDefinitionRead = new AtomicBoolean();
        final CountDownLatch applying = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final RegistryStore store;

        HeldReads(RegistryStore store) {
            this.store = store;
        }

        RegistryStore proxy() {
            return (RegistryStore) Proxy.newProxyInstance(RegistryStore.class.getClassLoader(),
                    new Class<?>[] {RegistryStore.class}, (p, method, args) -> {
                        if (method.getName().equals("definitionVersions") && holdNextDefinitionRead.compareAndSet(true, false)) {
                            applying.countDown();
                            release.await(10, TimeUnit.SECONDS);
                        }
                        try {
                            return method.invoke(store, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
