-- The configuration each node started with last, as keyed digests per setting (never values), so a start
-- with a different effective configuration is recorded in the audit trail (config.changed) naming the keys.
create table config_snapshots (
    node        text primary key,
    fingerprint text not null,
    entries     jsonb not null,
    recorded_at timestamptz not null
);
