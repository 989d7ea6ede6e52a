-- Case handling (docs/cases.md, "Personal data in cases").
-- A case without a customer (a metric rule's case, a manual case about a branch) has no customer data key to encrypt
-- its notes with; it gets its own data key here, wrapped by the region's KEK exactly like customer_keys. Such text is
-- about staff and units, not a data subject, so no erasure reaches it: it lives and goes with the case.
create table case_keys (
    case_id     text primary key references cases (case_id),
    region      text not null,
    key_id      uuid not null unique,
    kek_version integer not null,
    wrapped     bytea not null,
    created_at  timestamptz not null default now()
);

-- The inbox pages newest first by (opened_at, case_id): a keyset on this index stays fast however deep the page,
-- and for a wide scope (head office) the planner walks it in order and stops after one page.
create index cases_inbox on cases (opened_at desc, case_id desc);
-- A narrow scope (a branch's queue) reads its own units' rows in order instead.
create index cases_queue_inbox on cases (queue_unit, opened_at desc, case_id desc);
