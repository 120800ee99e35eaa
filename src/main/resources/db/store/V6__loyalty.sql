-- Behavioral loyalty (DESIGN §10). Points are integer hundredths (1200 points = 120000), never binary
-- floating point. Times are epoch milliseconds.

-- The org's timezone places calendar cap and milestone windows (DAY, WEEK, MONTH, YEAR).
ALTER TABLE orgs ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC';

-- Rules and milestones: the current version of each, as the JSON document the API shows.
CREATE TABLE loyalty_rules (
    id       TEXT    PRIMARY KEY,
    org_id   TEXT    NOT NULL REFERENCES orgs (id),
    kind     TEXT    NOT NULL,          -- RULE or MILESTONE
    event    TEXT    NOT NULL,
    status   TEXT    NOT NULL,          -- ACTIVE or INACTIVE
    version  INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    doc      TEXT    NOT NULL
);
CREATE INDEX loyalty_rules_by_org ON loyalty_rules (org_id, kind, created_at);

-- One row per (rule or milestone, request): the award decision. The primary key is the promise that a
-- request earns from a rule at most once, whatever replays, crashes or rebalances happen. points is
-- what was awarded (0 when a cap skipped it); entry_id the ledger entry (null when nothing was written).
CREATE TABLE loyalty_awards (
    rule_id     TEXT    NOT NULL,
    request_id  TEXT    NOT NULL,
    org_id      TEXT    NOT NULL,
    customer_id TEXT    NOT NULL,
    rule_version INTEGER NOT NULL,
    event_at    INTEGER NOT NULL,
    points      INTEGER NOT NULL,
    capped      INTEGER NOT NULL,
    entry_id    TEXT,
    PRIMARY KEY (rule_id, request_id)
) WITHOUT ROWID;
CREATE INDEX loyalty_awards_usage ON loyalty_awards (rule_id, customer_id, event_at);
CREATE INDEX loyalty_awards_by_request ON loyalty_awards (org_id, request_id);

-- The append-only ledger: rows are inserted, never updated or deleted. seq orders a customer's entries.
CREATE TABLE loyalty_ledger (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id    TEXT    NOT NULL UNIQUE,
    org_id      TEXT    NOT NULL,
    customer_id TEXT    NOT NULL,
    type        TEXT    NOT NULL,       -- EARN, EXPIRE, REVERSE, ADJUST
    points      INTEGER NOT NULL,
    rule_id     TEXT,
    rule_version INTEGER,
    request_id  TEXT,
    at          INTEGER NOT NULL,
    release_at  INTEGER,
    expires_at  INTEGER,
    note        TEXT,
    actor       TEXT,
    -- A REVERSE or EXPIRE names the entry it takes back; each entry is reversed at most once.
    reverses    TEXT
);
CREATE INDEX loyalty_ledger_by_customer ON loyalty_ledger (org_id, customer_id, seq);
CREATE UNIQUE INDEX loyalty_ledger_one_reversal ON loyalty_ledger (reverses) WHERE type = 'REVERSE';

-- What is left of each positive entry (a lot), so spending and expiry take the oldest points first
-- while the ledger's own rows stay untouched. expired: what expiry took from it.
CREATE TABLE loyalty_lots (
    entry_id    TEXT    PRIMARY KEY,
    org_id      TEXT    NOT NULL,
    customer_id TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    release_at  INTEGER,
    expires_at  INTEGER,
    remaining   INTEGER NOT NULL,
    expired     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX loyalty_lots_by_customer ON loyalty_lots (org_id, customer_id, at);
CREATE INDEX loyalty_lots_expiring ON loyalty_lots (expires_at) WHERE remaining > 0;

-- Milestone progress per customer and window; achieved_at once the target was reached in it.
CREATE TABLE loyalty_milestone_progress (
    milestone_id TEXT    NOT NULL,
    customer_id  TEXT    NOT NULL,
    window_start INTEGER NOT NULL,
    current      INTEGER NOT NULL,
    achieved_at  INTEGER,
    PRIMARY KEY (milestone_id, customer_id, window_start)
) WITHOUT ROWID;

-- Each request counts towards a milestone once.
CREATE TABLE loyalty_milestone_events (
    milestone_id TEXT NOT NULL,
    request_id   TEXT NOT NULL,
    PRIMARY KEY (milestone_id, request_id)
) WITHOUT ROWID;

-- The engine's evaluation of a request (real or dry run for a test event), shown by GET …/requests/{id}.
CREATE TABLE loyalty_evaluations (
    request_id TEXT    NOT NULL,
    org_id     TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    dry_run    INTEGER NOT NULL,
    message    TEXT    NOT NULL,
    results    TEXT    NOT NULL,
    PRIMARY KEY (org_id, request_id)
) WITHOUT ROWID;
