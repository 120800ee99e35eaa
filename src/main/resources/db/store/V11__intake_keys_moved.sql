-- Intake keys live in intake-keys.db from here on (db/keys): claims no longer wait for the pipeline's
-- write lock. Keys claimed before the upgrade are not carried over: a batch retried across the upgrade
-- is taken again.
DROP TABLE intake_keys;
