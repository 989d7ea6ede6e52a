-- Pack switches: a pack an administrator disabled (through the packs API), or that the host disabled
-- because its code threw or timed out, stays off across restarts until it is enabled again. Packs
-- themselves live in the packs directory (Cem:Packs:Directory), not here. No customer data.
create table pack_states (
    pack_id    text primary key,
    enabled    boolean not null,
    changed_at timestamptz not null,
    -- 'admin': through the API; 'host': after a fault of the pack's code.
    changed_by text not null check (changed_by in ('admin', 'host')),
    reason     text
);
