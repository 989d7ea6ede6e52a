-- Case clocks (docs/cases.md, "Warnings, breaches and escalation"): one row per threshold a case's clock passed.
-- The primary key is what makes a warning or a breach happen exactly once, whichever silo fires the reminder, however
-- often a tick is replayed, and whether a node dies mid-transaction: only the transaction that inserts the row writes
-- the history entries and escalates. The key has no clocks_version on purpose: pausing and resuming an overdue case
-- moves its due instant (a new version) but must not breach and escalate it a second time.
create table case_clock_events (
    case_id        text not null references cases (case_id) on delete cascade,
    -- 'sla' (the internal SLA) or 'regulatory' (the rule's regulatory clock)
    clock          text not null check (clock in ('sla', 'regulatory')),
    kind           text not null check (kind in ('warning', 'breach')),
    -- the instant that passed (warning or due instant) and the clocks_version it was planned under
    threshold_at   timestamptz not null,
    clocks_version integer not null,
    fired_at       timestamptz not null,
    -- the silo that recorded it (Orleans RuntimeIdentity): which node fired, for operators and the failover test
    fired_by       text not null,
    primary key (case_id, clock, kind)
);
