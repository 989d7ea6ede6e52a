-- Survey responses (docs/surveys.md, "Personal data in surveys"): the data key of a response without a customer (an
-- anonymous link). Random 256-bit, stored only wrapped by the region's KEK, like case_keys. A response with a customer
-- encrypts its free text under the customer's key instead, so erasing the customer shreds it with the rest.
create table survey_response_keys (
    response_id uuid primary key references survey_responses (response_id) on delete cascade,
    region      text not null,
    key_id      uuid not null unique,
    kek_version integer not null,
    wrapped     bytea not null,
    created_at  timestamptz not null default now()
);
