package dev.tidings.store;

import static dev.tidings.store.StoreSamples.commitEvents;
import static dev.tidings.store.StoreSamples.definition;
import static dev.tidings.store.StoreSamples.event;
import static dev.tidings.store.StoreSamples.org;
import static dev.tidings.store.StoreSamples.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.IdentifierType;
import dev.tidings.registry.RegistryStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PipelineStore} does; run against each implementation by a subclass. */
public abstract class PipelineStoreContract {
    protected static final String LOG = "log-1";
    protected TestStores stores;
    protected PipelineStore pipeline;

    /** A store on a new, empty database. */
    protected abstract TestStores freshStores();

    @BeforeEach
    void open() {
        stores = freshStores();
        pipeline = stores.pipeline();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void aCommittedBatchStoresItsEventsOutboxRowsRequestsAndPositionsTogether() {
        PipelineStore.Batch batch = pipeline.begin();
        batch.insertEvent(event("r1", "acme", 1_000));
        batch.insertRequest(request("r1", "acme", 1_005));
        batch.insertRequest(request("r2", "acme", "be_reserved", RequestStatus.FAILED, 1_006));
        batch.commit(LOG, Map.of(0, 2L, 3, 7L));

        assertThat(stores.reads().request("acme", "r1")).get().extracting(RequestRecord::status).isEqualTo(RequestStatus.PROCESSED);
        assertThat(stores.reads().request("acme", "r2")).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RequestStatus.FAILED);
            assertThat(r.reason()).isEqualTo("NO_CUSTOMER_DETAILS");
            assertThat(r.states()).extracting(RequestRecord.State::state).containsExactly("RECEIVED", "FAILED");
        });
        assertThat(events("acme")).extracting(StoredEvent::requestId).containsExactly("r1");
        assertThat(stores.outbox().after(0, 10)).extracting(OutboxEntry::requestId).containsExactly("r1");
        assertThat(pipeline.positions(LOG, List.of(0, 3))).isEqualTo(Map.of(0, 2L, 3, 7L));
    }

    @Test
    void aRolledBackBatchLeavesNothing() {
        stores.registry().insertOrg(org("acme"), "hash");
        long changes = stores.registry().lastChange();
        PipelineStore.Batch batch = pipeline.begin();
        String customer = batch.createCustomer("acme", IdentifierType.MOBILE, "9000", 1_000);
        assertThat(batch.claimUniqueKey("acme", "key-1", "r1")).isNull();
        batch.insertEvent(event("r1", "acme", "be_reserved", customer, 1_000, Map.of()));
        batch.insertRequest(request("r1", "acme", 1_005));
        assertThat(batch.insertDefinitionVersion(definition("d1", "acme", "be_reserved", 1))).isTrue();
        batch.rollback();

        assertThat(stores.reads().request("acme", "r1")).isEmpty();
        assertThat(events("acme")).isEmpty();
        assertThat(stores.outbox().after(0, 10)).isEmpty();
        assertThat(pipeline.positions(LOG, List.of(0))).isEqualTo(Map.of(0, 0L));
        assertThat(stores.reads().customer("acme", new EventQuery.Identifier(IdentifierType.MOBILE, "9000"))).isEmpty();
        assertThat(stores.registry().definitionVersions("d1")).isEmpty();
        assertThat(stores.registry().lastChange()).isEqualTo(changes);
        PipelineStore.Batch again = pipeline.begin();
        assertThat(again.claimUniqueKey("acme", "key-1", "r9")).as("the rolled back claim is gone").isNull();
        again.rollback();
    }

    @Test
    void aReplayedRequestIdNeitherDoublesTheEventNorItsOutboxRow() {
        commitEvents(pipeline, LOG, 1, event("r1", "acme", 1_000));
        // The same entry consumed again after a crash, once alone and once twice in one batch.
        commitEvents(pipeline, LOG, 1, event("r1", "acme", 1_000));
        commitEvents(pipeline, LOG, 2, event("r1", "acme", 1_000), event("r2", "acme", 2_000), event("r2", "acme", 2_000));

        assertThat(events("acme")).extracting(StoredEvent::requestId).containsExactly("r2", "r1");
        assertThat(stores.outbox().after(0, 10)).extracting(OutboxEntry::requestId).containsExactly("r1", "r2");
    }

    @Test
    void theFirstRecordOfARequestStays() {
        PipelineStore.Batch batch = pipeline.begin();
        batch.insertRequest(request("r1", "acme", "be_reserved", RequestStatus.PROCESSED, 1_000));
        batch.insertRequest(request("r1", "acme", "be_reserved", RequestStatus.FAILED, 2_000));
        batch.commit(LOG, Map.of(0, 1L));

        assertThat(stores.reads().request("acme", "r1")).get().extracting(RequestRecord::status).isEqualTo(RequestStatus.PROCESSED);
    }

    @Test
    void theFirstRecordOfARequestStaysWhenItCameWithItsEvent() {
        PipelineStore.Batch batch = pipeline.begin();
        assertThat(batch.insertProcessed(event("r1", "acme", 1_000), request("r1", "acme", 1_005))).isTrue();
        assertThat(batch.insertRequest(request("r1", "acme", "be_reserved", RequestStatus.FAILED, 2_000))).isFalse();
        assertThat(batch.failedRequest("acme", "r1")).isEmpty();
        batch.commit(LOG, Map.of(0, 1L));

        assertThat(stores.reads().request("acme", "r1")).contains(request("r1", "acme", 1_005));
        assertThat(stores.reads().logs(new LogQuery("acme", null, null, null, null, null, 10, null)).items())
                .containsExactly(request("r1", "acme", 1_005));
    }

    @Test
    void aFailedRequestReRunToProcessedKeepsOneRecordWithItsHistory() {
        PipelineStore.Batch failing = pipeline.begin();
        RequestRecord failed = request("r1", "acme", "be_reserved", RequestStatus.FAILED, 1_005);
        assertThat(failing.insertRequest(failed)).isTrue();
        failing.commit(LOG, Map.of(0, 1L));

        PipelineStore.Batch rerun = pipeline.begin();
        assertThat(rerun.insertProcessed(event("r1", "acme", 1_000), request("r1", "acme", 1_005)))
                .as("the request has a record: its re-run replaces it").isFalse();
        assertThat(rerun.failedRequest("acme", "r1")).contains(failed);
        RequestRecord outcome = new RequestRecord("r1", "acme", "hook", "be_reserved", RequestStatus.PROCESSED, null, false,
                1_005, List.of(new RequestRecord.State("RECEIVED", 1_005, null), new RequestRecord.State("FAILED", 1_006, "done"),
                        new RequestRecord.State("REPROCESSING", 3_000, "re-run"), new RequestRecord.State("PROCESSED", 3_001, null)),
                List.of());
        rerun.replaceFailedRequest(outcome);
        rerun.commit(LOG, Map.of(0, 2L));

        assertThat(stores.reads().request("acme", "r1")).contains(outcome);
        assertThat(stores.reads().logs(new LogQuery("acme", null, null, null, null, null, 10, null)).items()).containsExactly(outcome);
        assertThat(events("acme")).extracting(StoredEvent::requestId).containsExactly("r1");
        assertThat(stores.outbox().after(0, 10)).extracting(OutboxEntry::requestId).containsExactly("r1");
    }

    @Test
    void positionsNeverMoveBackAndArePerLogIdAndPartition() {
        commit(Map.of(0, 10L, 1, 5L));
        commit(Map.of(0, 4L, 1, 6L));
        PipelineStore.Batch other = pipeline.begin();
        other.commit("log-2", Map.of(0, 3L));

        assertThat(pipeline.positions(LOG, List.of(0, 1, 2))).isEqualTo(Map.of(0, 10L, 1, 6L, 2, 0L));
        assertThat(pipeline.positions("log-2", List.of(0, 1))).isEqualTo(Map.of(0, 3L, 1, 0L));
        assertThat(pipeline.positions("recreated-log", List.of(0))).isEqualTo(Map.of(0, 0L));
    }

    @Test
    void aSecondClaimOfAUniqueKeyReturnsTheFirstRequestIdAndAReplayOfTheFirstIsNotItsOwnDuplicate() {
        PipelineStore.Batch batch = pipeline.begin();
        assertThat(batch.claimUniqueKey("acme", "key-1", "r1")).isNull();
        assertThat(batch.claimUniqueKey("acme", "key-1", "r2")).as("in the same batch").isEqualTo("r1");
        batch.commit(LOG, Map.of(0, 2L));

        PipelineStore.Batch later = pipeline.begin();
        assertThat(later.claimUniqueKey("acme", "key-1", "r3")).isEqualTo("r1");
        assertThat(later.claimUniqueKey("acme", "key-1", "r1")).isNull();
        assertThat(later.claimUniqueKey("globex", "key-1", "r4")).as("keys are per org").isNull();
        later.commit(LOG, Map.of(0, 5L));
    }

    @Test
    void aCustomerCreatedInABatchIsFoundByItsIdentifierInItsOrgOnly() {
        PipelineStore.Batch batch = pipeline.begin();
        assertThat(batch.findCustomer("acme", IdentifierType.MOBILE, "9000")).isNull();
        String id = batch.createCustomer("acme", IdentifierType.MOBILE, "9000", 1_000);
        assertThat(batch.findCustomer("acme", IdentifierType.MOBILE, "9000")).isEqualTo(id);
        batch.commit(LOG, Map.of(0, 1L));

        PipelineStore.Batch later = pipeline.begin();
        assertThat(later.findCustomer("acme", IdentifierType.MOBILE, "9000")).isEqualTo(id);
        assertThat(later.findCustomer("acme", IdentifierType.EMAIL, "9000")).isNull();
        assertThat(later.findCustomer("globex", IdentifierType.MOBILE, "9000")).isNull();
        later.rollback();
        assertThat(stores.reads().customer("acme", new EventQuery.Identifier(IdentifierType.MOBILE, "9000")))
                .get().satisfies(c -> {
                    assertThat(c.id()).isEqualTo(id);
                    assertThat(c.createdAt()).isEqualTo(1_000);
                });
    }

    @Test
    void aVerifiedDefinitionCommitsWithItsChangeAndAnExistingVersionReturnsFalse() {
        RegistryStore registry = stores.registry();
        registry.insertOrg(org("acme"), "hash");
        registry.insertDefinitionVersion(definition("d1", "acme", "be_reserved", 1));
        long before = registry.lastChange();
        EventDefinition verified = definition("d1", "acme", "be_reserved", 2);

        PipelineStore.Batch batch = pipeline.begin();
        assertThat(batch.insertDefinitionVersion(verified)).isTrue();
        assertThat(batch.insertDefinitionVersion(verified)).isFalse();
        batch.commit(LOG, Map.of(0, 1L));

        assertThat(registry.definitionVersions("d1")).extracting(EventDefinition::version).containsExactly(1, 2);
        assertThat(registry.changesAfter(before)).extracting(RegistryStore.Change::entityId).containsExactly("d1");
        PipelineStore.Batch again = pipeline.begin();
        assertThat(again.insertDefinitionVersion(verified)).isFalse();
        again.commit(LOG, Map.of(0, 2L));
        assertThat(registry.changesAfter(before)).hasSize(1);
    }

    @Test
    void aConstraintViolationIsANonRetryableStoreExceptionAndTheBatchRollsBack() {
        PipelineStore.Batch batch = pipeline.begin();
        batch.insertEvent(event("r1", "acme", 1_000));
        NewEvent nameless = new NewEvent("r2", "acme", null, new StoredEvent.CustomerRef("c1", "MOBILE", "9c1"),
                1_000, 1_000, "{}", false, false, null);

        StoreException failure = catchThrowableOfType(StoreException.class, () -> batch.insertEvent(nameless));
        batch.rollback();

        assertThat(failure).isNotNull();
        assertThat(failure.retryable()).isFalse();
        assertThat(events("acme")).isEmpty();
        commitEvents(pipeline, LOG, 1, event("r1", "acme", 1_000));
        assertThat(events("acme")).extracting(StoredEvent::requestId).containsExactly("r1");
    }

    @Test
    void duplicatesAndTestEventsReachTheOutboxMarked() {
        NewEvent duplicate = new NewEvent("r2", "acme", "be_reserved", new StoredEvent.CustomerRef("c1", "MOBILE", "9c1"),
                1_000, 1_001, "{}", true, false, "key");
        NewEvent test = new NewEvent("r3", "acme", "be_reserved", new StoredEvent.CustomerRef("c1", "MOBILE", "9c1"),
                1_000, 1_002, "{}", false, true, null);
        commitEvents(pipeline, LOG, 3, event("r1", "acme", 1_000), duplicate, test);

        List<OutboxEntry> entries = stores.outbox().after(0, 10);
        assertThat(entries).extracting(OutboxEntry::requestId).containsExactly("r1", "r2", "r3");
        assertThat(entries).filteredOn(OutboxEntry::deliverable).extracting(OutboxEntry::requestId).containsExactly("r1");
        assertThat(entries.get(1).duplicate()).isTrue();
        assertThat(entries.get(2).test()).isTrue();
        assertThat(entries.get(0)).satisfies(e -> {
            assertThat(e.orgId()).isEqualTo("acme");
            assertThat(e.eventName()).isEqualTo("be_reserved");
            assertThat(e.customerId()).isEqualTo("c1");
            assertThat(e.createdAt()).isEqualTo(1_005);
        });
        assertThat(Set.copyOf(events("acme").stream().map(StoredEvent::duplicate).toList())).containsExactlyInAnyOrder(true, false);
    }

    private void commit(Map<Integer, Long> next) {
        PipelineStore.Batch batch = pipeline.begin();
        batch.commit(LOG, next);
    }

    protected List<StoredEvent> events(String org) {
        return stores.reads().events(new EventQuery(org, null, null, null, null, null, null, null, Map.of(), 100, null)).items();
    }
}
