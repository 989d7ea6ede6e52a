-- The audit trail: one hash chain of records, appended in one total order (writers take the
-- advisory lock the application uses for the chain, so several nodes never fork it). A record
-- names its data subject only by a keyed pseudonym, never by an identity value or customer id.
create table audit_records (
    sequence      bigint primary key check (sequence > 0),
    recorded_at   timestamptz not null,
    actor         text not null,
    roles         text[] not null,
    action        text not null,
    resource      text not null,
    subject       text,
    region        text,
    purpose       text,
    outcome       text not null check (outcome in ('allowed', 'denied', 'failed')),
    trace_id      text,
    detail        text,
    previous_hash bytea not null check (length(previous_hash) = 32),
    hash          bytea not null check (length(hash) = 32)
);
create index audit_records_subject on audit_records (subject, sequence) where subject is not null;
create index audit_records_actor on audit_records (actor, sequence);
create index audit_records_time on audit_records (recorded_at);

-- Signed heads of the chain (sequence, hash): a truncated tail is detectable against the last
-- checkpoint, and the checkpoints can be exported to write-once storage off site.
create table audit_checkpoints (
    sequence   bigint primary key,
    hash       bytea not null check (length(hash) = 32),
    signed_at  timestamptz not null,
    key_id     text not null,
    algorithm  text not null,
    signature  bytea not null
);

-- Append-only for everyone, the table owner included: a trigger refuses changes and removals.
-- A superuser can still disable the trigger and edit rows; the hash chain and the signed
-- checkpoints make that detectable (cemctl audit verify).
create function audit_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % on % is refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_records_append_only before update or delete on audit_records
    for each row execute function audit_refuse_change();
create trigger audit_records_no_truncate before truncate on audit_records
    for each statement execute function audit_refuse_change();
create trigger audit_checkpoints_append_only before update or delete on audit_checkpoints
    for each row execute function audit_refuse_change();
create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
    for each statement execute function audit_refuse_change();

-- Privileges as a second wall: nobody (PUBLIC) and not even the migrating role may change rows.
-- Deployments that run the server under a separate role 'cem_app' (docs/audit.md) give it
-- read and append only.
revoke update, delete, truncate on audit_records, audit_checkpoints from public;
revoke update, delete, truncate on audit_records, audit_checkpoints from current_user;
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'cem_app') then
        execute 'grant select, insert on audit_records, audit_checkpoints to cem_app';
        execute 'revoke update, delete, truncate on audit_records, audit_checkpoints from cem_app';
    end if;
end;
$$;
