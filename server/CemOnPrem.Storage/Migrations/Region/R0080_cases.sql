-- Cases: the "act" step (docs/cases.md). One row per case, kept in the customer's (or org unit's) region; what
-- happened to it in case_history. Alert rules open cases inside the analytics projection's transaction, and
-- origin_key makes a replayed event or a re-run cycle a no-op: exactly one case per firing.
create table cases (
    case_id           text primary key,
    region            text not null,
    origin            text not null check (origin in ('rule', 'manual')),
    -- what fired, stable across re-derivation ('{pack}/{rule}/event:{seq}', '…/journey:…', '…/metric:{unit}:{window start}'); null for manual cases
    origin_key        text unique,
    pack_id           text,
    rule_id           text,
    case_type         text not null,
    customer_id       text references customers (customer_id),
    -- where it happened (the event's org unit, the metric's org unit); null when the event named none
    org_unit          text,
    -- whose queue holds the case now (routing, then escalation), and why it is not at the level the rule asked for
    queue_unit        text not null,
    route_level       text,
    route_reason      text,
    priority          smallint not null check (priority between 1 and 4),
    state             text not null check (state in ('new', 'assigned', 'in-progress', 'awaiting-customer', 'resolved', 'closed')),
    assignee          text,
    trigger_events    bigint[] not null default '{}',
    opened_at         timestamptz not null,
    opened_by         text not null,
    first_response_at timestamptz,
    resolved_at       timestamptz,
    closed_at         timestamptz,
    reopened_count    integer not null default 0,
    root_cause_code   text,
    -- personal free text, AES-GCM under the customer's data key (or the case's own, see docs/cases.md)
    root_cause_text   bytea,
    resolution        jsonb,
    -- clocks: the internal SLA and, where the rule carries one, the regulatory clock (business time per calendar)
    sla_unit          text not null,
    sla_due_at        timestamptz not null,
    sla_warn_at       timestamptz not null,
    sla_pausable      boolean not null default false,
    reg_name          text,
    reg_unit          text,
    reg_due_at        timestamptz,
    reg_warn_at       timestamptz,
    reg_pausable      boolean not null default false,
    paused_at         timestamptz,
    escalation_level  integer not null default 0,
    -- bumped whenever a due instant changes; the clock armer registers reminders until clocks_armed catches up
    clocks_version    integer not null default 1,
    clocks_armed      integer not null default 0,
    -- the ETag: every change adds one
    version           integer not null default 1,
    updated_at        timestamptz not null
);
create index cases_queue on cases (queue_unit, state, opened_at desc, case_id);
create index cases_open_due on cases (sla_due_at) where state not in ('resolved', 'closed');
create index cases_customer on cases (customer_id) where customer_id is not null;
create index cases_assignee on cases (assignee, state) where assignee is not null;
create index cases_unarmed on cases (case_id) where clocks_armed < clocks_version;

-- Everything that happened to a case, in order. Notifications (webhooks, e-mail) are fanned out from the rows not yet
-- notified, in the transaction that marks them, so no case event is lost or sent twice to the outbox.
create table case_history (
    entry_id   bigint generated always as identity primary key,
    case_id    text not null references cases (case_id),
    region     text not null,
    at         timestamptz not null,
    actor      text not null,
    action     text not null,
    from_state text,
    to_state   text,
    -- non-personal facts (assignee, unit, priority, clock); personal text goes to text, encrypted
    detail     jsonb not null default '{}',
    text       bytea,
    notified   boolean not null default false
);
create index case_history_case on case_history (case_id, entry_id);
create index case_history_unnotified on case_history (entry_id) where not notified;
