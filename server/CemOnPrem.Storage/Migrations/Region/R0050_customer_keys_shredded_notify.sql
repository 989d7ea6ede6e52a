-- Crypto-shredding reaches every node: whatever deletes data keys (erasure, retention purge, an operator's SQL)
-- announces them on channel 'cem_customer_keys_shredded' when its transaction commits (a rolled-back dry run
-- announces nothing). Each node listens and drops the keys from its unwrapped-key cache (KeyShredListener).
-- Payload: "origin_customer_id key_id" pairs separated by ',', at most 100 per notification (NOTIFY payloads are
-- limited to 8000 bytes). Ids only: no key material, no personal value.
create function notify_customer_keys_shredded() returns trigger language plpgsql as $$
declare
    chunk text;
begin
    for chunk in
        select string_agg(origin_customer_id || ' ' || key_id::text, ',')
        from (select origin_customer_id, key_id, (row_number() over () - 1) / 100 as part from shredded) numbered
        group by part
    loop
        perform pg_notify('cem_customer_keys_shredded', chunk);
    end loop;
    return null;
end
$$;

create trigger customer_keys_shredded after delete on customer_keys
    referencing old table as shredded for each statement execute function notify_customer_keys_shredded();
