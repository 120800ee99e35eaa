package dev.tidings.cluster;

import static dev.tidings.store.StoreSamples.commitEvents;
import static dev.tidings.store.StoreSamples.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidings.registry.IdentifierType;
import dev.tidings.store.EventQuery.Identifier;
import dev.tidings.store.IdentifierTakenException;
import dev.tidings.store.OutboxEntry;
import dev.tidings.store.PipelineStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only a store with several concurrent writers must get right: workers (threads here, nodes in a
 * cluster) committing batches at the same moment, decided by PostgreSQL's locks and constraints.
 */
class PostgresConcurrentBatchesIT {
    private static final String LOG = "log-1";
    private PostgresTestStores stores;
    private PostgresPipelineStore pipeline;

    @BeforeEach
    void open() {
        stores = new PostgresTestStores("concurrent");
        pipeline = stores.pipeline();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void aBatchThatBeganFirstButCommitsLastGetsTheLaterSeqSoAReaderSkipsNothing() {
        PipelineStore.Batch slow = pipeline.begin();
        slow.insertEvent(event("slow", "acme", 1));
        commitEvents(pipeline, LOG, 2, event("fast", "acme", 2));
        List<OutboxEntry> first = stores.outbox().after(0, 10);
        assertThat(first).extracting(OutboxEntry::requestId).containsExactly("fast");

        slow.commit("log-2", Map.of(0, 1L));

        assertThat(stores.outbox().after(first.get(0).seq(), 10)).extracting(OutboxEntry::requestId).containsExactly("slow");
    }

    @Test
    void aReaderFollowingTheOutboxWhileFourWorkersCommitSeesEveryRowOnceInSeqOrder() throws Exception {
        int workers = 4;
        int batches = 25;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<List<OutboxEntry>> reader = CompletableFuture.supplyAsync(() -> follow(writing));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                done.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        String id = "w" + worker + "-b" + b;
                        commitEvents(pipeline, "log-" + worker, b + 1, event(id + "-1", "acme", b),
                                event(id + "-2", "acme", b), event(id + "-3", "acme", b));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }

        List<OutboxEntry> seen = reader.get(60, TimeUnit.SECONDS);
        assertThat(seen).hasSize(workers * batches * 3);
        assertThat(seen).extracting(OutboxEntry::requestId).doesNotHaveDuplicates();
        assertThat(seen).extracting(OutboxEntry::seq).isSorted().doesNotHaveDuplicates();
        assertThat(seen).extracting(OutboxEntry::requestId).isEqualTo(stores.outbox().after(0, 1000).stream()
                .map(OutboxEntry::requestId).toList());
    }

    @Test
    void twoBatchesClaimingTheSameUniqueKeyAtOnceYieldOneHolder() throws Exception {
        PipelineStore.Batch first = pipeline.begin();
        assertThat(first.claimUniqueKey("acme", "key-1", "r1")).isNull();
        // The second claim waits on the first transaction's row, then sees the committed winner.
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
            PipelineStore.Batch batch = pipeline.begin();
            String holder = batch.claimUniqueKey("acme", "key-1", "r2");
            batch.commit(LOG, Map.of(1, 1L));
            return holder;
        });
        first.commit(LOG, Map.of(0, 1L));

        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("r1");
    }

    @Test
    void aClaimWaitingOnABatchThatRollsBackWinsTheKey() throws Exception {
        PipelineStore.Batch first = pipeline.begin();
        first.claimUniqueKey("acme", "key-1", "r1");
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
            PipelineStore.Batch batch = pipeline.begin();
            String holder = batch.claimUniqueKey("acme", "key-1", "r2");
            batch.commit(LOG, Map.of(1, 1L));
            return holder;
        });
        first.rollback();

        assertThat(second.get(30, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void anAdminRegisteringAnIdentifierTheSameMomentAsTheBatchThatCreatesItGetsIdentifierTaken() throws Exception {
        Identifier mobile = new Identifier(IdentifierType.MOBILE, "9000");
        PipelineStore.Batch batch = pipeline.begin();
        String created = batch.createCustomer("acme", IdentifierType.MOBILE, "9000", 1);
        CompletableFuture<Void> admin = CompletableFuture.runAsync(() -> stores.reads().registerCustomer("acme", List.of(mobile), 2));
        batch.commit(LOG, Map.of(0, 1L));

        Throwable failure = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
                () -> admin.get(30, TimeUnit.SECONDS)).getCause();
        assertThat(failure).isInstanceOf(IdentifierTakenException.class);
        assertThat(stores.reads().customer("acme", mobile).orElseThrow().id()).isEqualTo(created);
    }

    /**
     * Reads the outbox from seq 0 the way a consumer does, until a read that began after the writers
     * stopped finds nothing new.
     */
    private List<OutboxEntry> follow(AtomicBoolean writing) {
        List<OutboxEntry> seen = new ArrayList<>();
        long position = 0;
        while (true) {
            boolean stillWriting = writing.get();
            List<OutboxEntry> page = stores.outbox().after(position, 7);
            seen.addAll(page);
            if (!page.isEmpty()) {
                position = page.get(page.size() - 1).seq();
            } else if (!stillWriting) {
                return seen;
            }
        }
    }
}
