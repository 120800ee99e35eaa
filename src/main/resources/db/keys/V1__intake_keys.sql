-- Idempotency keys and Segment messageIds, per scope (a webhook, or a webhook's Segment messages), in a
-- database of their own (intake-keys.db): a claim takes a write lock, and in the store it waited behind
-- each of the pipeline's transactions. A row is IN FLIGHT while answer_status is NULL; once answered it
-- is replayed until the window ends.
CREATE TABLE intake_keys (
    scope         TEXT    NOT NULL,
    key           TEXT    NOT NULL,
    fingerprint   TEXT    NOT NULL,
    claimed_at    INTEGER NOT NULL,
    answer_status INTEGER,
    answer        BLOB,
    PRIMARY KEY (scope, key)
);
CREATE INDEX intake_keys_claimed_at ON intake_keys (claimed_at);
