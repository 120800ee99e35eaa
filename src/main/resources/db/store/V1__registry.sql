-- Registry: orgs, event definitions (every version kept), webhooks. Secrets only as hashes.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE orgs (
    id           TEXT PRIMARY KEY,
    name         TEXT    NOT NULL,
    api_key_hash TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL
);

-- One row per version; the pipeline transforms an event with the version it was accepted under.
CREATE TABLE event_definitions (
    id         TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    org_id     TEXT    NOT NULL REFERENCES orgs (id),
    name       TEXT    NOT NULL,
    definition TEXT    NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE INDEX event_definitions_by_name ON event_definitions (org_id, name);

CREATE TABLE webhooks (
    id               TEXT PRIMARY KEY,
    org_id           TEXT    NOT NULL REFERENCES orgs (id),
    name             TEXT,
    uniqueness_check INTEGER NOT NULL,
    enabled          INTEGER NOT NULL,
    credential_hash  TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX webhooks_by_org ON webhooks (org_id);
