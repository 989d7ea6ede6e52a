-- Privacy: consent ledger, survey invitations decided by the projection, legal holds, data-subject requests,
-- erasure receipts, and the aggregate of contributions retired by erasure and retention (see docs/privacy.md).

-- Consent ledger: append-only, one numbered entry per change of a customer's decision about one purpose.
create table consent_entries (
    customer_id    text not null references customers (customer_id),
    region         text not null,
    purpose        text not null,
    version        integer not null,
    status         text not null check (status in ('granted', 'withdrawn')),
    recorded_at    timestamptz not null,
    source         text not null,
    policy_version text not null,
    recorded_by    text not null,
    primary key (customer_id, purpose, version)
);

-- Entries are never changed; they are only removed with the whole customer (erasure, retention).
create function cem_consent_entries_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'consent_entries is append-only';
end
$$;
create trigger consent_entries_no_update before update on consent_entries
    for each row execute function cem_consent_entries_immutable();

-- Customers the analytics projection must leave out (objection to / no consent for 'analytics'), kept in step
-- with the ledger in the same transaction; the projection and the verify recompute both read it.
create table analytics_exclusions (
    customer_id text primary key references customers (customer_id),
    region      text not null,
    since       timestamptz not null
);

-- Survey invitations decided by the projection: one row per (survey, cause), so re-deriving never duplicates.
-- decision 'invited' is to be sent at due_at (distribution comes later); 'suppressed' records why nothing is sent.
create table survey_invitations (
    pack_id     text not null,
    survey_id   text not null,
    cause       text not null,
    customer_id text not null references customers (customer_id),
    region      text not null,
    due_at      timestamptz not null,
    decision    text not null check (decision in ('invited', 'suppressed')),
    reason      text,
    decided_at  timestamptz not null,
    primary key (pack_id, survey_id, cause)
);
create index survey_invitations_customer on survey_invitations (customer_id);
create index survey_invitations_due on survey_invitations (due_at);

-- Legal holds: while one is active (released_at null) the customer is neither erased nor purged.
create table legal_holds (
    hold_id     uuid primary key,
    customer_id text not null references customers (customer_id),
    region      text not null,
    reason      text not null,
    placed_by   text not null,
    placed_at   timestamptz not null,
    released_by text,
    released_at timestamptz
);
create index legal_holds_customer on legal_holds (customer_id) where released_at is null;

-- Data-subject requests about this region's customers. Kept after an erasure as the record that it was asked
-- and done: it holds the customer id (a random id that no longer resolves) and no identity values.
create table privacy_requests (
    request_id   uuid primary key,
    region       text not null,
    type         text not null check (type in ('access', 'erasure', 'rectification')),
    status       text not null check (status in ('received', 'approved', 'completed', 'rejected')),
    customer_id  text not null,
    received_at  timestamptz not null,
    due_at       timestamptz not null,
    requested_by text not null,
    approved_by  text,
    approved_at  timestamptz,
    closed_at    timestamptz,
    note         text,
    -- rectification only: what to correct (the subject's own data, erased with the request's completion)
    changes      jsonb
);
create index privacy_requests_open on privacy_requests (due_at) where status in ('received', 'approved');

-- Signed erasure receipts (the document as signed, its signature and key id).
create table erasure_receipts (
    request_id uuid primary key,
    region     text not null,
    document   text not null,
    algorithm  text not null,
    key_id     text not null,
    signature  bytea not null,
    signed_at  timestamptz not null
);

-- Rollup contributions of customers whose rows are gone (erasure, retention), summed per cell: no customer id.
-- metric_rollups keeps counting them; the verify recompute adds them to what it derives from the remaining log.
create table retired_contributions (like metric_rollups including all);
