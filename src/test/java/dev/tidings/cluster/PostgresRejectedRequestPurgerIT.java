package dev.tidings.cluster;

import static dev.tidings.store.StoreSamples.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.store.LogQuery;
import dev.tidings.store.PipelineStore;
import dev.tidings.store.RequestRecord;
import dev.tidings.store.RequestStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresRejectedRequestPurgerIT {
    private static final Instant NOW = Instant.parse("2024-04-20T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private PostgresTestStores stores;

    @BeforeEach
    void open() {
        stores = new PostgresTestStores("purge");
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void rejectedRequestsOlderThanTheRetentionGoWhileRecentAndProcessedOnesStay() {
        long old = NOW.minus(WEEK).minusSeconds(1).toEpochMilli();
        long recent = NOW.minus(WEEK).plusSeconds(1).toEpochMilli();
        write(List.of(request("old-rejected", "org", "e", RequestStatus.REJECTED, old),
                request("recent-rejected", "org", "e", RequestStatus.REJECTED, recent),
                request("old-processed", "org", "e", RequestStatus.PROCESSED, old),
                request("old-failed", "org", "e", RequestStatus.FAILED, old)));

        int purged = purger().purge();

        assertThat(purged).isEqualTo(1);
        assertThat(requestIds()).containsExactlyInAnyOrder("recent-rejected", "old-processed", "old-failed");
    }

    @Test
    void morePurgeableRequestsThanOneChunkAreAllPurged() {
        int count = PostgresRejectedRequestPurger.CHUNK * 2 + 7;
        List<RequestRecord> requests = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(request("r" + i, "org", "e", RequestStatus.REJECTED, 1000L + i));
        }
        write(requests);

        assertThat(purger().purge()).isEqualTo(count);
        assertThat(requestIds()).isEmpty();
    }

    private PostgresRejectedRequestPurger purger() {
        return new PostgresRejectedRequestPurger(stores.database(), WEEK, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void write(List<RequestRecord> requests) {
        PipelineStore.Batch batch = stores.pipeline().begin();
        requests.forEach(batch::insertRequest);
        batch.commit("log", Map.of(0, 1L));
    }

    private List<String> requestIds() {
        return stores.reads().logs(new LogQuery("org", null, null, null, null, null, 100, null)).items().stream()
                .map(RequestRecord::requestId).toList();
    }
}
