-- PostgreSQL twin of the embedded store's V5__destinations.sql (same columns, same meaning).
-- Destinations (DESIGN §9): where processed events are delivered, each delivery with its state and
-- every attempt. The destinations consumer's outbox position moves in the transaction that inserts the
-- deliveries it created, so a crash between the two never loses or doubles one.

-- settings: the definition as JSON (type, url, events, filter, headers, timeout, retrySchedule, ...),
-- written and returned verbatim. secret/previous_secret: the signing secrets, encrypted (SecretBox):
-- they must be usable for signing, so unlike credentials they cannot be hashed.
CREATE TABLE destinations (
    id               TEXT    PRIMARY KEY,
    org_id           TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    settings         TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    disabled_reason  TEXT,
    secret           TEXT,
    previous_secret  TEXT,
    previous_until   BIGINT,
    failing_since    BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX destinations_by_org ON destinations (org_id, created_at, id);

-- One row per (destination, request): the unique key makes a re-read of the outbox harmless.
-- round_start: the attempts made before the last replay; the schedule counts from there.
CREATE TABLE deliveries (
    id               TEXT    PRIMARY KEY,
    destination_id   TEXT    NOT NULL,
    org_id           TEXT    NOT NULL,
    request_id       TEXT    NOT NULL,
    seq              BIGINT NOT NULL,
    customer_id      TEXT    NOT NULL,
    event_at         BIGINT NOT NULL,
    payload          TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    round_start      INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT,
    last_attempt_at  BIGINT,
    last_status      INTEGER,
    last_body        TEXT,
    last_duration_ms BIGINT,
    last_error       TEXT,
    lease_owner      TEXT,
    lease_until      BIGINT,
    created_at       BIGINT NOT NULL,
    UNIQUE (destination_id, request_id)
);
CREATE INDEX deliveries_due ON deliveries (destination_id, status, next_attempt_at, seq);
CREATE INDEX deliveries_by_customer ON deliveries (destination_id, customer_id, status, seq);
CREATE INDEX deliveries_by_time ON deliveries (destination_id, created_at, id);
CREATE INDEX deliveries_by_request ON deliveries (org_id, request_id);

CREATE TABLE delivery_attempts (
    id           BIGSERIAL PRIMARY KEY,
    delivery_id  TEXT    NOT NULL,
    n            INTEGER NOT NULL,
    at           BIGINT NOT NULL,
    status       INTEGER,
    error        TEXT,
    duration_ms  BIGINT NOT NULL,
    response     TEXT
);
CREATE INDEX delivery_attempts_by_delivery ON delivery_attempts (delivery_id, id);
