-- Region database: every row here belongs to this database's residency region. After migrations
-- RegionPinning adds CHECK constraints tying each row's region to this database's region.

create table region_identity (
    singleton     boolean primary key default true check (singleton),
    region        text not null,
    database_uuid uuid not null,
    created_at    timestamptz not null default now()
);

create table customers (
    customer_id text primary key,
    region      text not null,
    created_at  timestamptz not null,
    -- set when identity stitching merged this customer into another; the survivor owns its rows
    merged_into text references customers (customer_id),
    -- bumped when rows move to this customer, so its grain knows to rebuild its projection
    epoch       integer not null default 0
);

-- External identities (account number, phone, e-mail, VIN ...) mapped to the customer they belong to.
create table customer_identities (
    id_type       text not null,
    id_value      text not null,
    customer_id   text not null references customers (customer_id),
    region        text not null,
    first_seen_at timestamptz not null,
    primary key (id_type, id_value)
);
create index customer_identities_customer on customer_identities (customer_id);

-- The event log: the source of truth. Idempotent on (source, event_id).
create table events (
    seq         bigint generated always as identity primary key,
    source      text not null,
    event_id    text not null,
    region      text not null,
    customer_id text not null references customers (customer_id),
    kind        text not null,
    touchpoint  text,
    org_unit    text,
    occurred_at timestamptz not null,
    received_at timestamptz not null,
    identities  jsonb not null,
    attributes  jsonb not null,
    scores      jsonb not null,
    free_text   text,
    constraint events_source_event_id unique (source, event_id)
);
create index events_customer_seq on events (customer_id, seq);
create index events_customer_timeline on events (customer_id, occurred_at desc, seq desc);

-- Orleans grain state of this region's grains (key '{region}/...').
create table grain_state (
    grain_type text not null,
    grain_key  text not null,
    state      jsonb not null,
    version    integer not null,
    updated_at timestamptz not null default now(),
    primary key (grain_type, grain_key)
);
