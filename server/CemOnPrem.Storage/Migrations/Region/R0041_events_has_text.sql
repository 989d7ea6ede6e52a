-- Free text now lives inside the encrypted events.pii document (R0003), so the retention purge of free text can no
-- longer find it with "free_text is not null". The writer records whether an event carried text; the purge clears
-- the text inside the ciphertext and this flag. R0003 only runs on an empty log, so false is right for every row.
alter table events add column has_text boolean not null default false;
create index events_with_text on events (occurred_at) where has_text;
