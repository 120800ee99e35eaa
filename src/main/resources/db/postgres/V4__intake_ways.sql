-- More ways in (DESIGN §8): a webhook's mapping (JSON, validated when saved) and rate limit (events/s).
ALTER TABLE webhooks ADD COLUMN mapping TEXT;
ALTER TABLE webhooks ADD COLUMN rate_limit INTEGER;

-- Idempotency keys and Segment messageIds, per scope (a webhook, or a webhook's Segment messages),
-- shared by every intake node. A row is IN FLIGHT while answer_status is NULL.
CREATE TABLE intake_keys (
    scope         TEXT   NOT NULL,
    key           TEXT   NOT NULL,
    fingerprint   TEXT   NOT NULL,
    claimed_at    BIGINT NOT NULL,
    answer_status INTEGER,
    answer        BYTEA,
    PRIMARY KEY (scope, key)
);
CREATE INDEX intake_keys_claimed_at ON intake_keys (claimed_at);
