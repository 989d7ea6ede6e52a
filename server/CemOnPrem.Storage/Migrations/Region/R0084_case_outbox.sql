-- Cases: notifications out (docs/cases.md "Notifications: webhooks and e-mail"). The fan-out turns each case_history
-- row into one row here per matching webhook subscription and one per e-mail, in the transaction that marks the history
-- row notified; the dispatcher delivers them at least once. No personal data: the payload carries ids, codes and
-- instants only, never customer identities or free text, so no erasure rule is needed (a case's erasure leaves them).
create table case_outbox (
    -- also the delivery id receivers de-duplicate on (X-Cem-Delivery): stable across retries and nodes
    outbox_id       uuid primary key,
    region          text not null,
    -- no foreign keys: the outbox outlives nothing it points to (cases may be erased; subscriptions live in control)
    case_id         text not null,
    history_entry   bigint not null,
    event           text not null,
    kind            text not null check (kind in ('webhook', 'email')),
    -- webhook: the subscription id; email: the assignee's user id
    target          text not null,
    payload         jsonb not null,
    state           text not null default 'pending' check (state in ('pending', 'delivered', 'dead')),
    attempts        integer not null default 0,
    -- when pending: the next try; while an attempt runs it is the lease's end, so a crashed node's claim expires
    next_attempt_at timestamptz not null,
    lease_token     uuid,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    -- one row per history entry and target, whoever fans out
    unique (history_entry, kind, target)
);
create index case_outbox_due on case_outbox (next_attempt_at) where state = 'pending';
create index case_outbox_dead on case_outbox (created_at desc, outbox_id) where state = 'dead';
