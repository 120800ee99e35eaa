-- events_by_customer was keyed at random per event (by customer), so every stored event dirtied a page of
-- it: about 2 KB of the ~3 KB of WAL each event cost. Its rows now go first to customer_events_pending,
-- appended in order (one small row at the end of a table), and from there into customer_events in
-- sorted bulk every few tens of thousands of events, when an event's customer often has other events in
-- the same bulk and one page write serves them all. Reads by customer take both tables.
CREATE TABLE customer_events (
    org_id      TEXT    NOT NULL,
    customer_id TEXT    NOT NULL,
    event_time  INTEGER NOT NULL,
    request_id  TEXT    NOT NULL,
    PRIMARY KEY (org_id, customer_id, event_time, request_id)
) WITHOUT ROWID;
-- Sorted, so the copy of an existing store appends to the new tree instead of inserting at random.
INSERT INTO customer_events (org_id, customer_id, event_time, request_id)
    SELECT org_id, customer_id, event_time, request_id FROM events ORDER BY 1, 2, 3, 4;
-- Keyed by slice (the first hex digit of the customer id) then request id (time-ordered): sixteen places
-- where rows are appended, and a bulk moves one slice per pipeline batch as one range of this key.
CREATE TABLE customer_events_pending (
    slice       INTEGER NOT NULL,
    request_id  TEXT    NOT NULL,
    org_id      TEXT    NOT NULL,
    customer_id TEXT    NOT NULL,
    event_time  INTEGER NOT NULL,
    PRIMARY KEY (slice, request_id)
) WITHOUT ROWID;
DROP INDEX events_by_customer;
