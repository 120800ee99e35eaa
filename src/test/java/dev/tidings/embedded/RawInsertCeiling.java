package dev.tidings.embedded;

import dev.tidings.registry.Secrets;
import dev.tidings.store.NewEvent;
import dev.tidings.store.StoredEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw SQLite ceiling of the pipeline's writes (bench/raw-sqlite-ceiling.sh): the statements the
 * pipeline runs per processed event — customer look-up (and registration on first sight), the probe for
 * an existing request record, the events row with the request's states JSON, the outbox row — through
 * the same driver, pragmas, migrations and transaction size as {@link SqlitePipelineStore}, with none of
 * the pipeline around them (no log read, no decoding, no Java objects per event). The drain benchmark's
 * rate is measured against this.
 *
 * <p>Arguments: events (200000), customers (10000), and the layout: {@code full} (what the pipeline
 * writes: the customer index filled in sorted bulk), {@code per-event-index} (the customer index as an
 * index on events, written per event: before V10), {@code no-customer-index} (none), {@code requests-row}
 * (the request's record in a requests row of its own, beside the events row: before V9); and the rows
 * per transaction (2000, the pipeline's batch).
 */
public final class RawInsertCeiling {
    private static final String ATTRIBUTES = "{\"age\":20,\"hotel_name\":\"Indiranagar\",\"room_nights\":12}";

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        String mode = args.length > 2 ? args[2] : "full";
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        Path dir = Files.createTempDirectory("tidings-raw");
        try {
            run(dir, events, customers, mode, batch);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void run(Path dir, int events, int customers, String mode, int batch) throws SQLException, java.io.IOException {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("tidings.db"), "store", true);
        try (Connection c = db.connect()) {
            boolean requestsRow = mode.equals("requests-row");
            String cacheKib = System.getenv("CACHE_KIB");
            if (cacheKib != null) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA cache_size = -" + Integer.parseInt(cacheKib));
                }
            }
            // The customer index: filled in sorted bulk (full, as the pipeline does), per event (the layout
            // before V10), or not at all.
            boolean bulkIndex = mode.equals("full") || requestsRow;
            if (mode.equals("per-event-index")) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE INDEX events_by_customer ON events (org_id, customer_id, event_time, request_id)");
                }
            }
            c.setAutoCommit(false);
            PreparedStatement find = c.prepareStatement(
                    "SELECT customer_id FROM customer_identifiers WHERE org_id = ? AND type = ? AND value = ?");
            PreparedStatement customer = c.prepareStatement("INSERT INTO customers (id, org_id, created_at) VALUES (?, ?, ?)");
            PreparedStatement identifier = c.prepareStatement(
                    "INSERT INTO customer_identifiers (org_id, type, value, customer_id) VALUES (?, ?, ?, ?)");
            PreparedStatement hasRequest = c.prepareStatement("SELECT 1 FROM requests WHERE request_id = ?");
            PreparedStatement event = c.prepareStatement("INSERT INTO events (request_id, org_id, event_name, customer_id,"
                    + " identifier_type, identifier_value, event_time, received_at, attributes, is_duplicate, test, unique_key,"
                    + " webhook_id, states) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING");
            PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (org_id, request_id, event_name, customer_id,"
                    + " is_duplicate, test, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement request = c.prepareStatement("INSERT INTO requests (request_id, org_id, webhook_id, event_name,"
                    + " status, reason, test, received_at, states, errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (request_id) DO NOTHING");
            SqliteCustomerEvents customerEvents = new SqliteCustomerEvents(c, SqliteCustomerEvents.FOLD_AT);
            PreparedStatement position = c.prepareStatement("INSERT INTO log_positions (log_id, partition, next) VALUES (?, ?, ?)"
                    + " ON CONFLICT (log_id, partition) DO UPDATE SET next = max(next, excluded.next)");
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Path wal = SqliteWalBound.walOf(db.file());
            SqliteWalBound bound = new SqliteWalBound(db, SqliteWalBound.DEFAULT_LIMIT_BYTES);
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                long now = System.currentTimeMillis();
                String requestId = new UUID((now << 16) | 0x7000L | (random.nextLong() & 0x0FFFL),
                        (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
                String mobile = "99" + String.format("%08d", random.nextInt(customers));
                find.setString(1, "bench");
                find.setString(2, "MOBILE");
                find.setString(3, mobile);
                String customerId;
                try (ResultSet rs = find.executeQuery()) {
                    customerId = rs.next() ? rs.getString(1) : null;
                }
                if (customerId == null) {
                    customerId = Secrets.newHexId();
                    customer.setString(1, customerId);
                    customer.setString(2, "bench");
                    customer.setLong(3, now);
                    customer.executeUpdate();
                    identifier.setString(1, "bench");
                    identifier.setString(2, "MOBILE");
                    identifier.setString(3, mobile);
                    identifier.setString(4, customerId);
                    identifier.executeUpdate();
                }
                event.setString(1, requestId);
                event.setString(2, "bench");
                event.setString(3, "be_reserved");
                event.setString(4, customerId);
                event.setString(5, "MOBILE");
                event.setString(6, mobile);
                event.setLong(7, 1712836800000L);
                event.setLong(8, now);
                event.setString(9, ATTRIBUTES);
                event.setInt(10, 0);
                event.setInt(11, 1);
                event.setString(12, null);
                String states = "[{\"state\":\"RECEIVED\",\"at\":" + now + "},{\"state\":\"TRANSFORMED\",\"at\":" + now
                        + ",\"message\":\"typed under version 1\"},{\"state\":\"CUSTOMER_RESOLVED\",\"at\":" + now
                        + ",\"message\":\"found " + customerId + "\"},{\"state\":\"PROCESSED\",\"at\":" + now
                        + ",\"message\":\"stored as a test event\"}]";
                hasRequest.setString(1, requestId);
                try (ResultSet rs = hasRequest.executeQuery()) {
                    rs.next();
                }
                event.setString(13, requestsRow ? null : "0123456789abcdef0123456789abcdef");
                event.setString(14, requestsRow ? null : states);
                event.executeUpdate();
                outbox.setString(1, "bench");
                outbox.setString(2, requestId);
                outbox.setString(3, "be_reserved");
                outbox.setString(4, customerId);
                outbox.setInt(5, 0);
                outbox.setInt(6, 1);
                outbox.setLong(7, now);
                outbox.executeUpdate();
                if (bulkIndex) {
                    customerEvents.add(new NewEvent(requestId, "bench", "be_reserved",
                            new StoredEvent.CustomerRef(customerId, "MOBILE", mobile), 1712836800000L, now, ATTRIBUTES, false, true,
                            null));
                }
                if (requestsRow) {
                    request.setString(1, requestId);
                    request.setString(2, "bench");
                    request.setString(3, "0123456789abcdef0123456789abcdef");
                    request.setString(4, "be_reserved");
                    request.setString(5, "PROCESSED");
                    request.setString(6, null);
                    request.setInt(7, 1);
                    request.setLong(8, now);
                    request.setString(9, states);
                    request.setString(10, null);
                    request.executeUpdate();
                }
                if ((i + 1) % batch == 0 || i + 1 == events) {
                    if (bulkIndex) {
                        customerEvents.foldIfDue();
                    }
                    position.setString(1, "raw");
                    position.setInt(2, 0);
                    position.setLong(3, i + 1);
                    position.executeUpdate();
                    c.commit();
                    customerEvents.committed();
                    bound.afterCommit();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            bound.close();
            System.out.printf("raw SQLite ceiling (%s): %d events, %d customers, %d per transaction: %.0f events/s"
                    + " (%.2f s); WAL truncations %d, WAL now %d bytes, database %d bytes%n",
                    mode, events, customers, batch, events / seconds, seconds, bound.truncations(),
                    Files.exists(wal) ? Files.size(wal) : 0, Files.size(db.file()));
        } finally {
            db.close();
        }
    }
}
