-- The durable hand-off between intake and pipeline. position is the rowid: assigned in commit order by
-- the single writer, and never reused because consumed rows are dropped only below the newest one.
CREATE TABLE event_log (
    position           INTEGER PRIMARY KEY,
    request_id         TEXT    NOT NULL,
    org_id             TEXT    NOT NULL,
    webhook_id         TEXT    NOT NULL,
    event_name         TEXT,
    definition_id      TEXT,
    definition_version INTEGER NOT NULL,
    received_at        INTEGER NOT NULL,
    test               INTEGER NOT NULL,
    kind               INTEGER NOT NULL,
    error_code         INTEGER NOT NULL,
    errors             TEXT,
    body               BLOB    NOT NULL
);
