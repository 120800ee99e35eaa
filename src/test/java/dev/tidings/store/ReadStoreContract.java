package dev.tidings.store;

import static dev.tidings.store.StoreSamples.commitEvents;
import static dev.tidings.store.StoreSamples.processed;
import static dev.tidings.store.StoreSamples.event;
import static dev.tidings.store.StoreSamples.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidings.destinations.Destination;
import dev.tidings.destinations.DestinationSettings;
import dev.tidings.destinations.NewDelivery;
import dev.tidings.loyalty.Evaluation;
import dev.tidings.loyalty.LoyaltyStore;
import dev.tidings.registry.IdentifierType;
import dev.tidings.store.EventQuery.Identifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ReadStore} does; run against each implementation by a subclass. */
public abstract class ReadStoreContract {
    private static final String LOG = "log-1";
    private static final Identifier MOBILE = new Identifier(IdentifierType.MOBILE, "9933772255");
    private static final Identifier EMAIL = new Identifier(IdentifierType.EMAIL, "a@example.com");
    protected TestStores stores;
    protected ReadStore reads;
    private long next;

    /** A store on a new, empty database. */
    protected abstract TestStores freshStores();

    @BeforeEach
    void open() {
        stores = freshStores();
        reads = stores.reads();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void logsPaginationReturnsEveryRequestExactlyOnceNewestFirstEvenAsNewOnesArrive() {
        List<RequestRecord> written = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            written.add(request(String.format("r%02d", i), "acme", 1_000 + i / 3));
        }
        writeRequests(written);
        written.sort(Comparator.comparingLong(RequestRecord::receivedAt).thenComparing(RequestRecord::requestId).reversed());

        List<String> seen = collect(cursor -> reads.logs(new LogQuery("acme", null, null, null, null, null, 5, cursor)),
                RequestRecord::requestId, () -> writeRequests(List.of(request("newer-" + next, "acme", 9_000))));

        assertThat(seen).containsExactlyElementsOf(written.stream().map(RequestRecord::requestId).toList());
    }

    @Test
    void eventsPaginationReturnsEveryEventExactlyOnceNewestFirst() {
        List<NewEvent> written = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            written.add(event(String.format("r%02d", i), "acme", 5_000 - (i % 4) * 10));
        }
        commitEvents(stores.pipeline(), LOG, ++next, written.toArray(NewEvent[]::new));
        written.sort(Comparator.comparingLong(NewEvent::eventDateTime).thenComparing(NewEvent::requestId).reversed());

        List<String> seen = collect(cursor -> reads.events(query("acme", 4, cursor)), StoredEvent::requestId,
                () -> commitEvents(stores.pipeline(), LOG, ++next, event("newer-" + next, "acme", 99_000)));

        assertThat(seen).containsExactlyElementsOf(written.stream().map(NewEvent::requestId).toList());
    }

    @Test
    void logsFilterByEventNameStatusAndAHalfOpenTimeWindow() {
        writeRequests(List.of(request("a", "acme", "be_reserved", RequestStatus.PROCESSED, 100),
                request("b", "acme", "be_ordered", RequestStatus.PROCESSED, 200),
                request("c", "acme", "be_reserved", RequestStatus.FAILED, 300),
                request("d", "acme", "be_reserved", RequestStatus.REJECTED, 400)));

        assertThat(logs(new LogQuery("acme", "be_reserved", null, null, null, null, 10, null))).containsExactly("d", "c", "a");
        assertThat(logs(new LogQuery("acme", null, RequestStatus.PROCESSED, null, null, null, 10, null))).containsExactly("b", "a");
        assertThat(logs(new LogQuery("acme", null, null, null, 200L, 400L, 10, null))).containsExactly("c", "b");
        assertThat(logs(new LogQuery("acme", "be_reserved", RequestStatus.FAILED, null, 300L, 301L, 10, null))).containsExactly("c");
    }

    @Test
    void theRequestLogHoldsStoredEventsBesideRejectedAndFailedRequestsOnceEachWithTheirStates() {
        NewEvent dup = new NewEvent("dup", "acme", "be_reserved", new StoredEvent.CustomerRef("c1", "MOBILE", "9c1"),
                50, 250, NewEvent.attributesJson(Map.of("hotel_name", "Taj")), true, false, "k");
        NewEvent order = new NewEvent("order", "acme", "be_ordered", new StoredEvent.CustomerRef("c1", "MOBILE", "9c1"),
                60, 350, NewEvent.attributesJson(Map.of("hotel_name", "Taj")), false, true, null);
        commitEvents(stores.pipeline(), LOG, ++next, event("taj", "acme", 95), dup, order);
        writeRequests(List.of(request("rejected", "acme", "be_reserved", RequestStatus.REJECTED, 300),
                request("failed", "acme", "be_ordered", RequestStatus.FAILED, 200)));

        List<String> seen = collect(cursor -> reads.logs(new LogQuery("acme", null, null, null, null, null, 2, cursor)),
                RequestRecord::requestId, () -> { });
        assertThat(seen).containsExactly("order", "rejected", "dup", "failed", "taj");
        assertThat(logs(new LogQuery("acme", null, RequestStatus.PROCESSED, null, null, null, 10, null))).containsExactly("order", "taj");
        assertThat(logs(new LogQuery("acme", null, RequestStatus.DUPLICATE, null, null, null, 10, null))).containsExactly("dup");
        assertThat(logs(new LogQuery("acme", null, RequestStatus.REJECTED, null, null, null, 10, null))).containsExactly("rejected");
        assertThat(logs(new LogQuery("acme", "be_ordered", null, null, null, null, 10, null))).containsExactly("order", "failed");
        assertThat(logs(new LogQuery("acme", null, null, true, null, null, 10, null))).containsExactly("order");
        assertThat(logs(new LogQuery("acme", null, null, null, 250L, 350L, 10, null))).containsExactly("rejected", "dup");
        assertThat(logs(new LogQuery("globex", null, null, null, null, null, 10, null))).isEmpty();

        assertThat(reads.request("acme", "dup")).contains(processed(dup));
        assertThat(reads.request("acme", "order")).contains(processed(order));
        assertThat(reads.request("acme", "failed")).contains(request("failed", "acme", "be_ordered", RequestStatus.FAILED, 200));
        assertThat(reads.request("globex", "dup")).as("another org's request").isEmpty();
        assertThat(reads.logs(new LogQuery("acme", null, null, null, null, null, 10, null)).items())
                .as("a listed record is the one read by id").contains(processed(dup), processed(order));
    }

    @Test
    void eventsFilterByRequestNameCustomerDuplicateTimeAndAttributes() {
        PipelineStore.Batch batch = stores.pipeline().begin();
        String customer = batch.createCustomer("acme", IdentifierType.MOBILE, MOBILE.value(), 1);
        batch.commit(LOG, Map.of(0, ++next));
        NewEvent dup = new NewEvent("dup", "acme", "be_reserved", new StoredEvent.CustomerRef("other", "MOBILE", "1"),
                300, 301, NewEvent.attributesJson(Map.of("hotel_name", "Oberoi")), true, false, "k");
        commitEvents(stores.pipeline(), LOG, ++next,
                event("taj", "acme", "be_reserved", customer, 100, Map.of("hotel_name", "Taj", "age", 20.0, "vip", true)),
                event("order", "acme", "be_ordered", customer, 200, Map.of("hotel_name", "Taj", "age", 21.5)),
                dup);

        assertThat(events(new EventQuery("acme", "order", null, null, null, null, null, null, Map.of(), 10, null))).containsExactly("order");
        assertThat(events(new EventQuery("acme", null, "be_reserved", null, null, null, null, null, Map.of(), 10, null))).containsExactly("dup", "taj");
        assertThat(events(new EventQuery("acme", null, null, MOBILE, null, null, null, null, Map.of(), 10, null))).containsExactly("order", "taj");
        assertThat(events(new EventQuery("acme", null, null, EMAIL, null, null, null, null, Map.of(), 10, null))).isEmpty();
        assertThat(events(new EventQuery("acme", null, null, null, null, null, true, null, Map.of(), 10, null))).containsExactly("dup");
        assertThat(events(new EventQuery("acme", null, null, null, null, null, false, null, Map.of(), 10, null))).containsExactly("order", "taj");
        assertThat(events(new EventQuery("acme", null, null, null, 100L, 300L, null, null, Map.of(), 10, null))).containsExactly("order", "taj");
        assertThat(events(attribute("hotel_name", "Taj"))).containsExactly("order", "taj");
        assertThat(events(attribute("age", "20"))).as("a number matches numerically").containsExactly("taj");
        assertThat(events(attribute("age", "20.0"))).containsExactly("taj");
        assertThat(events(attribute("vip", "true"))).containsExactly("taj");
        assertThat(events(attribute("hotel_name", "Nowhere"))).isEmpty();
        assertThat(events(attribute("missing", "x"))).isEmpty();
    }

    @Test
    void aStoredEventReadsBackAsWritten() {
        commitEvents(stores.pipeline(), LOG, ++next,
                event("r1", "acme", "be_reserved", "cust", 100, Map.of("hotel_name", "Taj", "age", 20.0)));

        assertThat(reads.events(query("acme", 10, null)).items()).singleElement().satisfies(e -> {
            assertThat(e.customer()).isEqualTo(new StoredEvent.CustomerRef("cust", "MOBILE", "9cust"));
            assertThat(e.eventDateTime()).isEqualTo(100);
            assertThat(e.receivedAt()).isEqualTo(105);
            assertThat(e.attributes()).containsEntry("hotel_name", "Taj").containsEntry("age", 20.0);
            assertThat(e.duplicate()).isFalse();
            assertThat(e.test()).isFalse();
            assertThat(e.uniqueKey()).isNull();
        });
    }

    @Test
    void aCustomerRegisteredWithSeveralIdentifiersIsFoundByEach() {
        Customer registered = reads.registerCustomer("acme", List.of(MOBILE, EMAIL), 1_234);

        for (Identifier id : List.of(MOBILE, EMAIL)) {
            assertThat(reads.customer("acme", id)).get().satisfies(c -> {
                assertThat(c.id()).isEqualTo(registered.id());
                assertThat(c.createdAt()).isEqualTo(1_234);
                assertThat(c.identifiers()).containsExactly(EMAIL, MOBILE);
            });
        }
    }

    @Test
    void registeringACustomerWithATakenIdentifierThrowsIdentifierTakenExceptionAndRegistersNothing() {
        reads.registerCustomer("acme", List.of(MOBILE), 1);
        Identifier fresh = new Identifier(IdentifierType.USER_ID, "u-1");

        IdentifierTakenException taken = catchThrowableOfType(IdentifierTakenException.class,
                () -> reads.registerCustomer("acme", List.of(fresh, MOBILE), 2));

        assertThat(taken).isNotNull();
        assertThat(taken.identifier()).isEqualTo(MOBILE);
        assertThat(reads.customer("acme", fresh)).as("nothing half-registered").isEmpty();
        assertThat(reads.registerCustomer("acme", List.of(fresh), 3).identifiers()).containsExactly(fresh);
    }

    @Test
    void readsOfOneOrgNeverSeeAnotherOrgsData() {
        commitEvents(stores.pipeline(), LOG, ++next, event("r1", "acme", 100));
        reads.registerCustomer("acme", List.of(MOBILE), 1);

        assertThat(reads.request("acme", "r1")).isPresent();
        assertThat(reads.request("globex", "r1")).isEmpty();
        assertThat(reads.logs(new LogQuery("globex", null, null, null, null, null, 10, null)).items()).isEmpty();
        assertThat(reads.events(query("globex", 10, null)).items()).isEmpty();
        assertThat(events(new EventQuery("globex", "r1", null, null, null, null, null, null, Map.of(), 10, null))).isEmpty();
        assertThat(reads.customer("globex", MOBILE)).isEmpty();
        assertThat(reads.registerCustomer("globex", List.of(MOBILE), 2).orgId()).as("the same identifier in another org").isEqualTo("globex");
        assertThat(reads.customer("acme", MOBILE).orElseThrow().id()).isNotEqualTo(reads.customer("globex", MOBILE).orElseThrow().id());
    }

    @Test
    void anUnknownRequestIsEmptyAndALastPageHasNoCursor() {
        assertThat(reads.request("acme", "nope")).isEmpty();
        writeRequests(List.of(request("r1", "acme", 1), request("r2", "acme", 2)));

        Page<RequestRecord> exact = reads.logs(new LogQuery("acme", null, null, null, null, null, 2, null));
        assertThat(exact.items()).hasSize(2);
        assertThat(exact.next()).isNull();
        Page<RequestRecord> first = reads.logs(new LogQuery("acme", null, null, null, null, null, 1, null));
        assertThat(first.next()).isEqualTo(new Cursor(2, "r2"));
    }

    @Test
    void customersListTheOrgsCustomersNewestFirstExactlyOnceAcrossPages() {
        List<Customer> written = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            // Pairs share a creation time, so pages also break ties by id.
            written.add(reads.registerCustomer("acme", List.of(new Identifier(IdentifierType.USER_ID, "u" + i)), 1_000 + i / 2));
        }
        reads.registerCustomer("globex", List.of(MOBILE), 5_000);
        written.sort(Comparator.comparingLong(Customer::createdAt).thenComparing(Customer::id).reversed());

        List<String> seen = collect(cursor -> reads.customers("acme", 4, cursor), Customer::id,
                () -> reads.registerCustomer("acme", List.of(new Identifier(IdentifierType.USER_ID, "later" + ++next)), 9_000));

        assertThat(seen).containsExactlyElementsOf(written.stream().map(Customer::id).toList());
        Customer first = reads.customers("acme", 1, null).items().get(0);
        assertThat(first.identifiers()).as("each item has its identifiers").hasSize(1);
        assertThat(reads.customers("globex", 10, null).items()).singleElement()
                .satisfies(c -> assertThat(c.identifiers()).containsExactly(MOBILE));
        assertThat(reads.customers("initech", 10, null).items()).isEmpty();
    }

    @Test
    void erasingACustomerDeletesEverythingStoredAboutThemAndNothingOfAnyoneElse() {
        stores.registry().insertOrg(StoreSamples.org("acme"), "hash-acme");
        PipelineStore.Batch batch = stores.pipeline().begin();
        String erased = batch.createCustomer("acme", IdentifierType.MOBILE, MOBILE.value(), 1);
        String kept = batch.createCustomer("acme", IdentifierType.EMAIL, EMAIL.value(), 1);
        String sameNumberElsewhere = batch.createCustomer("globex", IdentifierType.MOBILE, MOBILE.value(), 1);
        assertThat(batch.claimUniqueKey("acme", "k1", "e1")).isNull();
        assertThat(batch.claimUniqueKey("acme", "k2", "o1")).isNull();
        batch.keepBody("acme", "e1", 100, "{\"failed\":\"first\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        batch.commit(LOG, Map.of(0, ++next));
        commitEvents(stores.pipeline(), LOG, ++next,
                withKey(event("e1", "acme", "be_reserved", erased, 100, Map.of("hotel_name", "Taj")), "k1"),
                event("e2", "acme", "be_reserved", erased, 200, Map.of("hotel_name", "Oberoi")),
                withKey(event("o1", "acme", "be_reserved", kept, 150, Map.of("hotel_name", "Leela")), "k2"),
                event("g1", "globex", "be_reserved", sameNumberElsewhere, 150, Map.of("hotel_name", "Leela")));
        LoyaltyStore loyalty = stores.loyalty();
        loyalty.adjust("acme", erased, 50_000, "welcome", "ops", 300);
        loyalty.adjust("acme", kept, 70_000, "welcome", "ops", 300);
        try (LoyaltyStore.EngineWork work = loyalty.begin()) {
            assertThat(work.claim("contract")).isTrue();
            work.saveEvaluation(new Evaluation("e1", "acme", 300, false, "no rule matched", "[]"));
            work.saveEvaluation(new Evaluation("o1", "acme", 300, false, "no rule matched", "[]"));
            work.commit("contract", 0);
        }
        stores.destinations().create(destination("dst1", "acme"));
        stores.destinations().enqueue(List.of(new NewDelivery("dl1", "dst1", "acme", "e1", 1, erased, 100, "{}"),
                new NewDelivery("dl2", "dst1", "acme", "o1", 2, kept, 150, "{}")), 2, 400);

        Erasure erasure = reads.eraseCustomer("acme", MOBILE).orElseThrow();

        assertThat(erasure.customerId()).isEqualTo(erased);
        assertThat(erasure.erased()).containsEntry("events", 2).containsEntry("requests", 2).containsEntry("keptBodies", 1)
                .containsEntry("uniqueKeys", 1).containsEntry("outboxEntries", 2).containsEntry("deliveries", 1)
                .containsEntry("ledgerEntries", 1).containsEntry("loyaltyLots", 1).containsEntry("loyaltyEvaluations", 1)
                .containsEntry("identifiers", 1);
        assertThat(reads.customer("acme", MOBILE)).isEmpty();
        assertThat(events(new EventQuery("acme", null, null, MOBILE, null, null, null, null, Map.of(), 10, null))).isEmpty();
        assertThat(reads.request("acme", "e1")).isEmpty();
        assertThat(reads.request("acme", "e2")).isEmpty();
        assertThat(reads.keptBody("acme", "e1")).isEmpty();
        assertThat(loyalty.ledger("acme", erased, null, 10)).isEmpty();
        assertThat(loyalty.totals("acme", erased, 500).balance()).isZero();
        assertThat(loyalty.evaluation("acme", "e1")).isEmpty();
        assertThat(stores.destinations().forRequest("acme", "e1")).isEmpty();
        assertThat(stores.outbox().after(0, 100)).extracting(OutboxEntry::requestId).containsExactlyInAnyOrder("o1", "g1");
        assertThat(reads.customers("acme", 10, null).items()).extracting(Customer::id).containsExactly(kept);

        assertThat(reads.customer("acme", EMAIL)).as("the org's other customer").isPresent();
        assertThat(reads.request("acme", "o1")).isPresent();
        assertThat(loyalty.ledger("acme", kept, null, 10)).hasSize(1);
        assertThat(loyalty.evaluation("acme", "o1")).isPresent();
        assertThat(stores.destinations().forRequest("acme", "o1")).hasSize(1);
        assertThat(reads.customer("globex", MOBILE)).as("the same number in another org").isPresent();
        assertThat(reads.request("globex", "g1")).isPresent();
        PipelineStore.Batch after = stores.pipeline().begin();
        assertThat(after.claimUniqueKey("acme", "k1", "new-1")).as("the erased event's key is free again").isNull();
        assertThat(after.claimUniqueKey("acme", "k2", "new-2")).as("another event's key is still held").isEqualTo("o1");
        after.rollback();

        assertThat(reads.eraseCustomer("acme", MOBILE)).as("erased already").isEmpty();
        assertThat(reads.eraseCustomer("initech", EMAIL)).isEmpty();
    }

    @Test
    void purgingEventsDeletesThoseOlderThanTheCutoffWithTheirRecordsInChunksAndKeepsTheRest() {
        stores.registry().insertOrg(StoreSamples.org("acme"), "hash-acme");
        stores.registry().insertOrg(StoreSamples.org("globex"), "hash-globex");
        int old = EventRetention.CHUNK * 2 + 7;
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < old; i++) {
            events.add(event(String.format("old%04d", i), "acme", 1_000 + i));
        }
        events.add(withKey(event("old-keyed", "acme", 2_000), "k-old"));
        events.add(event("recent", "acme", 20_000));
        // An old event received after the cutoff (a backfill) stays until one retention after it arrived.
        events.add(new NewEvent("backfill", "acme", "be_reserved", new StoredEvent.CustomerRef("c1", "MOBILE", "9c1"),
                500, 15_000, NewEvent.attributesJson(Map.of("hotel_name", "Taj")), false, false, null));
        events.add(event("globex-old", "globex", 3_000));
        PipelineStore.Batch claim = stores.pipeline().begin();
        assertThat(claim.claimUniqueKey("acme", "k-old", "old-keyed")).isNull();
        claim.commit(LOG, Map.of(0, ++next));
        commitEvents(stores.pipeline(), LOG, ++next, events.toArray(NewEvent[]::new));
        stores.loyalty().adjust("acme", "c1", 10_000, "kept", "ops", 1_500);

        int purged = reads.purgeEventsBefore(10_000);

        assertThat(purged).isEqualTo(old + 2);
        assertThat(events(query("acme", 10, null))).containsExactly("recent", "backfill");
        assertThat(reads.events(query("globex", 10, null)).items()).isEmpty();
        assertThat(reads.request("acme", "old0000")).isEmpty();
        assertThat(reads.request("acme", "recent")).isPresent();
        assertThat(logs(new LogQuery("acme", null, null, null, null, null, 10, null))).containsExactly("recent", "backfill");
        assertThat(stores.outbox().after(0, 10)).extracting(OutboxEntry::requestId).containsExactlyInAnyOrder("recent", "backfill");
        assertThat(stores.loyalty().ledger("acme", "c1", null, 10)).as("the ledger is a financial record").hasSize(1);
        PipelineStore.Batch after = stores.pipeline().begin();
        assertThat(after.claimUniqueKey("acme", "k-old", "again")).isNull();
        after.rollback();
        assertThat(reads.purgeEventsBefore(10_000)).as("nothing left to purge").isZero();
    }

    private static NewEvent withKey(NewEvent e, String uniqueKey) {
        return new NewEvent(e.requestId(), e.orgId(), e.eventName(), e.customer(), e.eventDateTime(), e.receivedAt(),
                e.attributesJson(), e.duplicate(), e.test(), uniqueKey);
    }

    private static Destination destination(String id, String org) {
        DestinationSettings s = new DestinationSettings("crm", DestinationSettings.Type.WEBHOOK, "https://crm.example.com/h",
                null, null, List.of("be_reserved"), null, Map.of(), Duration.ofMillis(1500), List.of(Duration.ofMillis(50)),
                DestinationSettings.Ordering.PER_CUSTOMER, 7);
        return new Destination(id, org, s, Destination.Status.ENABLED, null, "sealed-1", null, 0, 0, 1, 1);
    }

    private void writeRequests(List<RequestRecord> requests) {
        PipelineStore.Batch batch = stores.pipeline().begin();
        requests.forEach(batch::insertRequest);
        batch.commit(LOG, Map.of(0, ++next));
    }

    /** Reads every page, writing something newer between pages, and returns the ids in order. */
    private static <T> List<String> collect(Function<Cursor, Page<T>> read, Function<T, String> id, Runnable between) {
        List<String> seen = new ArrayList<>();
        Cursor cursor = null;
        int pages = 0;
        do {
            Page<T> page = read.apply(cursor);
            page.items().forEach(item -> seen.add(id.apply(item)));
            cursor = page.next();
            between.run();
            assertThat(++pages).as("pages end").isLessThan(100);
        } while (cursor != null);
        return seen;
    }

    private List<String> logs(LogQuery q) {
        return reads.logs(q).items().stream().map(RequestRecord::requestId).toList();
    }

    private List<String> events(EventQuery q) {
        return reads.events(q).items().stream().map(StoredEvent::requestId).toList();
    }

    private static EventQuery attribute(String name, String value) {
        return new EventQuery("acme", null, null, null, null, null, null, null, Map.of(name, value), 10, null);
    }

    private static EventQuery query(String org, int limit, Cursor after) {
        return new EventQuery(org, null, null, null, null, null, null, null, Map.of(), limit, after);
    }
}
