-- The customers list (GET …/customers) pages an org's customers newest first by creation, then id; this
-- index serves that range. A customer row is written once per new customer, not per event.
CREATE INDEX customers_by_time ON customers (org_id, created_at, id);
