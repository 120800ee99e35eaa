-- The body of each rejected or failed request, kept for the request view (and for reprocessing a failed
-- one) within the rejected-request retention. A table of its own, written only for those two outcomes, so
-- the requests table and the path of processed events are untouched.
CREATE TABLE kept_bodies (
    request_id  TEXT PRIMARY KEY,
    org_id      TEXT   NOT NULL,
    received_at BIGINT NOT NULL,
    body        BYTEA  NOT NULL
);
CREATE INDEX kept_bodies_by_time ON kept_bodies (received_at);
