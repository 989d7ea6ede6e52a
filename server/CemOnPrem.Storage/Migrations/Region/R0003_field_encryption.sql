-- Field-level encryption: personal data is stored only as AES-GCM ciphertext under per-customer data keys.
--
-- A database that already holds plaintext personal data cannot be converted here (SQL has no keys); refuse with
-- a message instead of leaving plaintext behind. Pre-release deployments re-create their region databases.
do $$
begin
    if exists (select 1 from events) or exists (select 1 from customer_identities) then
        raise exception 'R0003_field_encryption: this region database already holds plaintext personal data from before field-level encryption. Export what you need, re-create the region database and re-ingest.';
    end if;
end
$$;

-- Per-customer data keys, wrapped by the region's key-encryption key (KEK) of version kek_version.
-- customer_id is the owner: stitching re-points a merged customer's keys to the survivor, so erasing the
-- survivor destroys them all. origin_customer_id is the customer the key was made for (its new rows use it).
create table customer_keys (
    key_id             uuid primary key,
    customer_id        text not null references customers (customer_id),
    origin_customer_id text not null unique,
    region             text not null,
    kek_version        integer not null,
    wrapped            bytea not null,
    created_at         timestamptz not null default now(),
    rewrapped_at       timestamptz
);
create index customer_keys_customer on customer_keys (customer_id);
create index customer_keys_kek_version on customer_keys (kek_version, key_id);

-- Identities: looked up by a keyed HMAC (blind index) of the normalised value; the value itself only encrypted.
alter table customer_identities drop constraint customer_identities_pkey;
alter table customer_identities drop column id_value;
alter table customer_identities add column id_index bytea not null;
alter table customer_identities add column id_value bytea not null;
alter table customer_identities add primary key (id_type, id_index);

-- Events: identities, personal attributes and free text move into one encrypted document; attributes keeps
-- the operational (non-personal) attributes that analytics and packs' metrics read.
alter table events drop column identities;
alter table events drop column free_text;
alter table events add column pii bytea not null;
