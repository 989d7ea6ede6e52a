-- The organisation a deployment serves: HQ → regions → branches / dealers / claims teams.
-- Events name an org unit by code; cases are routed up this tree to the level a rule asks for.
create table org_units (
    code        text primary key,
    name        text not null,
    level       text not null,
    parent_code text references org_units (code),
    -- materialised path ('/hq/cn/cn-sh/cn-sh-branch-01/'): a subtree is a prefix, so roll-ups over
    -- a subtree are one indexed range scan instead of a recursive query
    path        text not null unique,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    check (parent_code is null or parent_code <> code)
);
create index org_units_parent on org_units (parent_code);
create index org_units_path on org_units (path text_pattern_ops);
