-- A rotation with a grace period keeps the previous credential's hash until the given time, so a
-- brand can move its senders to the new credential without refused events in between.
ALTER TABLE webhooks ADD COLUMN previous_credential_hash TEXT;
ALTER TABLE webhooks ADD COLUMN previous_valid_until INTEGER;
