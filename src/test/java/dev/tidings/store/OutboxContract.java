package dev.tidings.store;

import static dev.tidings.store.StoreSamples.commitEvents;
import static dev.tidings.store.StoreSamples.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Outbox} does; run against each implementation by a subclass. */
public abstract class OutboxContract {
    protected static final String LOG = "log-1";
    protected TestStores stores;
    protected Outbox outbox;

    /** A store on a new, empty database. */
    protected abstract TestStores freshStores();

    @BeforeEach
    void open() {
        stores = freshStores();
        outbox = stores.outbox();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void seqsStrictlyIncreaseInCommitOrderAndAfterReturnsThemInOrder() {
        commitEvents(stores.pipeline(), LOG, 2, event("r1", "acme", 3_000), event("r2", "acme", 1_000));
        commitEvents(stores.pipeline(), LOG, 3, event("r3", "globex", 2_000));
        commitEvents(stores.pipeline(), LOG, 5, event("r4", "acme", 500), event("r5", "acme", 9_000));

        List<OutboxEntry> all = outbox.after(0, 100);

        assertThat(all).extracting(OutboxEntry::requestId).containsExactly("r1", "r2", "r3", "r4", "r5");
        assertThat(all).extracting(OutboxEntry::seq).isSorted().doesNotHaveDuplicates().allMatch(s -> s > 0);
        assertThat(outbox.after(all.get(1).seq(), 100)).containsExactlyElementsOf(all.subList(2, 5));
        assertThat(outbox.after(all.get(4).seq(), 100)).isEmpty();
    }

    @Test
    void readingInPagesOfMaxVisitsEveryEntryOnceInOrder() {
        for (int b = 0; b < 7; b++) {
            commitEvents(stores.pipeline(), LOG, b + 1, event("r" + b + "a", "acme", b), event("r" + b + "b", "acme", b));
        }
        List<String> seen = new ArrayList<>();
        long position = 0;
        List<OutboxEntry> page;
        while (!(page = outbox.after(position, 3)).isEmpty()) {
            assertThat(page.size()).isLessThanOrEqualTo(3);
            page.forEach(e -> seen.add(e.requestId()));
            position = page.get(page.size() - 1).seq();
        }

        assertThat(seen).hasSize(14).doesNotHaveDuplicates().startsWith("r0a", "r0b", "r1a").endsWith("r6b");
    }

    @Test
    void aRolledBackBatchLeavesNoGapThatHidesLaterRows() {
        commitEvents(stores.pipeline(), LOG, 1, event("r1", "acme", 1));
        long seen = outbox.after(0, 10).get(0).seq();
        PipelineStore.Batch failed = stores.pipeline().begin();
        failed.insertEvent(event("lost", "acme", 2));
        failed.rollback();
        commitEvents(stores.pipeline(), LOG, 2, event("r2", "acme", 3));

        assertThat(outbox.after(seen, 10)).extracting(OutboxEntry::requestId).containsExactly("r2");
    }

    @Test
    void aConsumerPositionStartsAtZeroNeverMovesBackAndIsItsOwn() {
        assertThat(outbox.position("loyalty")).isZero();
        outbox.commit("loyalty", 5);
        outbox.commit("loyalty", 3);
        outbox.commit("destinations", 2);

        assertThat(outbox.position("loyalty")).isEqualTo(5);
        assertThat(outbox.position("destinations")).isEqualTo(2);
        assertThat(outbox.position("nobody")).isZero();
        outbox.commit("loyalty", 9);
        assertThat(outbox.position("loyalty")).isEqualTo(9);
    }

    @Test
    void entriesCarryWhatConsumersNeed() {
        commitEvents(stores.pipeline(), LOG, 1, event("r1", "acme", "be_ordered", "cust-7", 4_000, Map.of()));

        assertThat(outbox.after(0, 1)).singleElement().satisfies(e -> {
            assertThat(e.orgId()).isEqualTo("acme");
            assertThat(e.requestId()).isEqualTo("r1");
            assertThat(e.eventName()).isEqualTo("be_ordered");
            assertThat(e.customerId()).isEqualTo("cust-7");
            assertThat(e.createdAt()).isEqualTo(4_005);
            assertThat(e.deliverable()).isTrue();
        });
    }

    @Test
    void eventsAfterJoinsEachEntryToItsStoredEventInSeqOrder() {
        commitEvents(stores.pipeline(), LOG, 1, event("r1", "acme", "be_ordered", "cust-7", 4_000, Map.of("room_nights", 12)));
        commitEvents(stores.pipeline(), LOG, 2, event("r2", "globex", "be_reserved", "cust-8", 5_000, Map.of("hotel", "x")));

        List<OutboxEvent> events = outbox.eventsAfter(0, 10);

        assertThat(events).extracting(OutboxEvent::entry).containsExactlyElementsOf(outbox.after(0, 10));
        assertThat(events.get(0).event().attributes()).containsEntry("room_nights", 12);
        assertThat(events.get(0).event().customer().id()).isEqualTo("cust-7");
        assertThat(events.get(0).event().eventDateTime()).isEqualTo(4_000);
        assertThat(events.get(1).event().orgId()).isEqualTo("globex");
        assertThat(outbox.eventsAfter(events.get(0).seq(), 10)).extracting(OutboxEvent::seq)
                .containsExactly(events.get(1).seq());
        assertThat(outbox.eventsAfter(0, 1)).hasSize(1);
    }
}
