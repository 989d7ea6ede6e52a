-- A keyed hash (HMAC-SHA256 under the region's blind-index key) of each event's canonical content, so a replayed
-- (source, event_id) with a different body is told apart from an idempotent retry (409 instead of a silent drop).
-- Keyed, so it reveals nothing about the personal data it covers. Nullable and without a default: adding it rewrites
-- nothing, and rows stored before it have none (their replays are answered as duplicates: there is nothing to compare).
alter table events add column fingerprint bytea;
