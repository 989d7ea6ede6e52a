-- Orleans cluster membership and reminders (PostgresMembershipTable, PostgresReminderTable).
-- No customer data: silo addresses, host names, grain ids of deployment-wide grains and timings.

-- One row per cluster (Cem:Cluster:ClusterId): the membership table's version. Every change of a
-- member row bumps it in the same transaction, and a writer must name the version it expects
-- next, so two silos acting on the same view cannot both win (Orleans' optimistic protocol).
create table cluster_versions (
    cluster_id text primary key,
    version    integer not null default 0 check (version >= 0),
    updated_at timestamptz not null default now()
);

-- One row per silo incarnation (address, port, generation). status is Orleans' SiloStatus
-- (1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead); suspect_times holds the
-- votes other silos cast against this one: [{"silo": "<address>", "at": "<utc time>"}].
create table cluster_members (
    cluster_id    text not null references cluster_versions (cluster_id) on delete cascade,
    address       text not null,
    port          integer not null,
    generation    integer not null,
    silo_name     text not null,
    host_name     text not null,
    role_name     text,
    status        integer not null,
    proxy_port    integer not null,
    update_zone   integer not null default 0,
    fault_zone    integer not null default 0,
    suspect_times jsonb not null default '[]'::jsonb,
    start_time    timestamptz not null,
    iamalive_time timestamptz not null,
    etag          integer not null default 1,
    primary key (cluster_id, address, port, generation)
);

-- Orleans reminders of one service (Cem:Cluster:ServiceId: reminders outlive a cluster
-- deployment). grain_hash is the grain id's uniform hash (0 .. 2^32-1, hence bigint): silos read
-- the reminders of their ring range by it.
create table reminders (
    service_id    text not null,
    grain_id      text not null,
    reminder_name text not null,
    grain_hash    bigint not null check (grain_hash between 0 and 4294967295),
    start_at      timestamptz not null,
    period        interval not null check (period >= interval '0'),
    etag          bigint not null,
    primary key (service_id, grain_id, reminder_name)
);

create index reminders_by_hash on reminders (service_id, grain_hash);

-- Etags of reminder rows: unique over the table's life, so a deleted and re-created reminder
-- never matches the etag of its previous incarnation.
create sequence reminder_etags;

-- Last tick of each reminder canary (ReminderCanaryGrain): proof for operators that reminders
-- fire, and on which silo.
create table reminder_canaries (
    canary       text primary key,
    ticks        bigint not null,
    last_tick_at timestamptz not null,
    last_silo    text not null
);
