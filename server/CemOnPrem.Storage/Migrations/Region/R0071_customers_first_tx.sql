-- The transaction that created the customer row (never updated, unlike tx, which re-stamps). A customer created at or
-- after a projection cycle's watermark has no event below it: every writer reads a customer before its first write,
-- so an event of the customer gets a later transaction id than the row's creator (docs/architecture.md, "Analytics
-- projection"); the cycle then skips the per-customer read of earlier events. Existing rows get 0 ("created before
-- any watermark": their earlier events are read as before).
alter table customers add column first_tx xid8 not null default '0';
alter table customers alter column first_tx set default pg_current_xact_id();
