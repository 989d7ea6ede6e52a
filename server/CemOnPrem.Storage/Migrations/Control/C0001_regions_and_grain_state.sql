-- Control database: deployment-wide data that identifies no customer.

-- Every residency region this deployment has served, and the identity of the database behind it.
-- A region whose configured connection points at a different database than the one registered
-- here is refused at start-up, so a typo in a connection string cannot silently start a new,
-- empty copy of a region.
create table regions (
    region        text primary key,
    database_uuid uuid not null,
    registered_at timestamptz not null default now()
);

-- Orleans grain state of non-regional grains (written by PostgresGrainStorage).
create table grain_state (
    grain_type text not null,
    grain_key  text not null,
    state      jsonb not null,
    version    integer not null,
    updated_at timestamptz not null default now(),
    primary key (grain_type, grain_key)
);
