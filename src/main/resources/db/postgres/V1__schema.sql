-- The cluster's store: the same tables as the embedded SQLite store (db/store), translated, plus what
-- many nodes need: positions per log partition, the outbox of processed events with its consumers'
-- positions, and the registry's change feed. Times are epoch milliseconds (BIGINT), as in SQLite, so
-- both stores share the row mapping. JSON documents (definitions, attributes, states) stay TEXT: they
-- are written and returned verbatim, and JSONB would reorder their keys and need casts on every bind.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Registry: orgs, event definitions (every version kept), webhooks. Secrets only as hashes.
CREATE TABLE orgs (
    id           TEXT PRIMARY KEY,
    name         TEXT   NOT NULL,
    api_key_hash TEXT   NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL
);

-- One row per version; the pipeline transforms an event with the version it was accepted under.
CREATE TABLE event_definitions (
    id         TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    org_id     TEXT    NOT NULL REFERENCES orgs (id),
    name       TEXT    NOT NULL,
    definition TEXT    NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE INDEX event_definitions_by_name ON event_definitions (org_id, name);
-- One event of a name per org: every definition has a version 1, so two nodes creating the same name
-- at once meet here and one insert does nothing (the registry answers 409), never two definitions.
CREATE UNIQUE INDEX event_definitions_first_version ON event_definitions (org_id, name) WHERE version = 1;

CREATE TABLE webhooks (
    id               TEXT PRIMARY KEY,
    org_id           TEXT    NOT NULL REFERENCES orgs (id),
    name             TEXT,
    uniqueness_check BOOLEAN NOT NULL,
    enabled          BOOLEAN NOT NULL,
    credential_hash  TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    -- After a rotation with a grace period the previous credential works until previous_valid_until.
    previous_credential_hash TEXT,
    previous_valid_until     BIGINT
);
CREATE INDEX webhooks_by_org ON webhooks (org_id);

-- Registry change feed: every registry write inserts a row in its own transaction, and every node
-- refreshes its in-memory view from it. The NOTIFY makes that prompt; nodes also catch up by seq
-- periodically, so a notification missed during a reconnect is repaired. seq comes from the one row of
-- registry_counter, taken as the writer's last statement: the row lock is held until commit, so seqs
-- become visible in order and a reader of "seq > mine" never skips a change that commits late.
CREATE TABLE registry_counter (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT  NOT NULL
);
INSERT INTO registry_counter (id, seq) VALUES (1, 0);

CREATE TABLE registry_changes (
    seq       BIGINT PRIMARY KEY,
    kind      TEXT   NOT NULL,
    entity_id TEXT   NOT NULL,
    at        BIGINT NOT NULL
);

CREATE FUNCTION registry_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Delivered to listeners only when the inserting transaction commits.
    PERFORM pg_notify('tidings_registry', NEW.seq::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER registry_changes_notify AFTER INSERT ON registry_changes
    FOR EACH ROW EXECUTE FUNCTION registry_changes_notify();

-- Log positions per partition, as the next position to read (a Kafka topic's partitions, or the
-- embedded log's one), written in the same transaction as the batch that consumed them. log_id names
-- the log (topic and cluster) the positions belong to, so a recreated log is read from its start.
CREATE TABLE log_positions (
    log_id    TEXT    NOT NULL,
    partition INTEGER NOT NULL,
    next      BIGINT  NOT NULL,
    PRIMARY KEY (log_id, partition)
);

CREATE TABLE customers (
    id         TEXT PRIMARY KEY,
    org_id     TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

-- An identifier belongs to one customer per org.
CREATE TABLE customer_identifiers (
    org_id      TEXT NOT NULL,
    type        TEXT NOT NULL,
    value       TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    PRIMARY KEY (org_id, type, value)
);
CREATE INDEX customer_identifiers_by_customer ON customer_identifiers (customer_id);

-- One row per request, every status (rejected ones too). Logs list newest first by receipt,
-- optionally by event name or status; cursors are (received_at, request_id), so each listing is one
-- index range scan in index order.
-- request_id compares bytewise (COLLATE "C"), as in SQLite, whatever the database's locale: pages
-- break ties in time the same way in both stores, and the comparison is cheaper.
CREATE TABLE requests (
    request_id  TEXT COLLATE "C" PRIMARY KEY,
    org_id      TEXT    NOT NULL,
    webhook_id  TEXT    NOT NULL,
    event_name  TEXT,
    status      TEXT    NOT NULL,
    reason      TEXT,
    test        BOOLEAN NOT NULL,
    received_at BIGINT  NOT NULL,
    states      TEXT    NOT NULL,
    errors      TEXT
);
CREATE INDEX requests_by_time ON requests (org_id, received_at DESC, request_id DESC);
CREATE INDEX requests_by_event ON requests (org_id, event_name, received_at DESC, request_id DESC);
CREATE INDEX requests_by_status ON requests (org_id, status, received_at DESC, request_id DESC);
-- Retention purges rejected requests by age; the partial index holds only those.
CREATE INDEX requests_rejected ON requests (received_at) WHERE status = 'REJECTED';

-- Stored events list newest first by event time; cursors are (event_time, request_id).
CREATE TABLE events (
    request_id       TEXT COLLATE "C" PRIMARY KEY,
    org_id           TEXT    NOT NULL,
    event_name       TEXT    NOT NULL,
    customer_id      TEXT    NOT NULL,
    identifier_type  TEXT    NOT NULL,
    identifier_value TEXT    NOT NULL,
    event_time       BIGINT  NOT NULL,
    received_at      BIGINT  NOT NULL,
    attributes       TEXT    NOT NULL,
    is_duplicate     BOOLEAN NOT NULL,
    test             BOOLEAN NOT NULL,
    unique_key       TEXT
);
CREATE INDEX events_by_time ON events (org_id, event_time DESC, request_id DESC);
CREATE INDEX events_by_event ON events (org_id, event_name, event_time DESC, request_id DESC);
CREATE INDEX events_by_customer ON events (org_id, customer_id, event_time DESC, request_id DESC);

-- The de-duplication key: the first transaction to insert it wins, whichever worker or node runs it;
-- the loser's INSERT … ON CONFLICT DO NOTHING waits for the winner's commit, inserts nothing, and reads the holder.
CREATE TABLE unique_keys (
    org_id     TEXT NOT NULL,
    unique_key TEXT NOT NULL,
    request_id TEXT NOT NULL,
    PRIMARY KEY (org_id, unique_key)
);

-- Outbox of processed events, written in the event's own transaction; consumers (loyalty,
-- destinations) read it in seq order with positions of their own. Duplicates and test events are
-- rows too, marked, so each consumer decides. request_id UNIQUE: a replayed batch cannot add a row twice.
-- Several workers commit batches at once, so seq is not a sequence (taken at insert, it would commit
-- out of order and a reader of "seq > mine" would skip the late one): each batch writes its rows last,
-- numbered from the one row of outbox_counter, whose lock it then holds until it commits.
CREATE TABLE outbox_counter (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT  NOT NULL
);
INSERT INTO outbox_counter (id, seq) VALUES (1, 0);

CREATE TABLE outbox (
    seq          BIGINT PRIMARY KEY,
    org_id       TEXT    NOT NULL,
    request_id   TEXT    NOT NULL UNIQUE,
    event_name   TEXT    NOT NULL,
    customer_id  TEXT    NOT NULL,
    is_duplicate BOOLEAN NOT NULL,
    test         BOOLEAN NOT NULL,
    created_at   BIGINT  NOT NULL
);

-- Each outbox consumer's position: the last seq it has fully handled.
CREATE TABLE outbox_positions (
    consumer TEXT PRIMARY KEY,
    seq      BIGINT NOT NULL
);
