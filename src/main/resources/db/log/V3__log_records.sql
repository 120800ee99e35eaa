-- Records in the versioned format of LogCodec: typed attributes, customer, unique-key inputs and the raw
-- body in one payload, so the pipeline never parses or validates again. position is the rowid, as in
-- event_log: rows left there by an older release are converted into this table, positions kept, when
-- the log is opened (LegacySqliteLog), so nothing acknowledged is lost across the upgrade.
CREATE TABLE log_records (
    position INTEGER PRIMARY KEY,
    payload  BLOB NOT NULL
);
