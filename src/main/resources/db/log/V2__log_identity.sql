-- Identifies this log file. Positions restart at 1 in a new file, so a consumer that remembers a
-- position must also remember which log it belongs to, or it would skip a recreated log's entries.
CREATE TABLE log_identity (
    id TEXT NOT NULL
);
INSERT INTO log_identity (id) VALUES (lower(hex(randomblob(16))));
