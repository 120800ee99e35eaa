-- Log positions per partition, as the next position to read. The embedded log has one partition (0);
-- the position belongs to the log named log_id, so a recreated log is read from its start.
CREATE TABLE log_positions (
    log_id    TEXT    NOT NULL,
    partition INTEGER NOT NULL,
    next      INTEGER NOT NULL,
    PRIMARY KEY (log_id, partition)
) WITHOUT ROWID;
INSERT INTO log_positions (log_id, partition, next)
    SELECT log_id, 0, position + 1 FROM pipeline_position WHERE log_id IS NOT NULL;
DROP TABLE pipeline_position;

-- The outbox of processed events, written in the pipeline batch that stores the event. seq is assigned
-- by the one pipeline writer in commit order, so a consumer reading "seq > mine" misses nothing.
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id       TEXT    NOT NULL,
    request_id   TEXT    NOT NULL UNIQUE,
    event_name   TEXT    NOT NULL,
    customer_id  TEXT    NOT NULL,
    is_duplicate INTEGER NOT NULL,
    test         INTEGER NOT NULL,
    created_at   INTEGER NOT NULL
);

-- Each outbox consumer's position: the last seq it has fully handled.
CREATE TABLE outbox_positions (
    consumer TEXT PRIMARY KEY,
    seq      INTEGER NOT NULL
) WITHOUT ROWID;

-- The registry's change feed: every registry write adds a row in its own transaction; every node's
-- in-memory view catches up by seq.
CREATE TABLE registry_changes (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    kind      TEXT    NOT NULL,
    entity_id TEXT    NOT NULL,
    at        INTEGER NOT NULL
);
