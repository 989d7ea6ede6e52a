-- Surveys: anonymous links (docs/surveys.md "Anonymous links"). One row per org unit's link (a QR code at a branch
-- counter): no customer behind it. Every visit makes an anonymous invitation (origin and channel 'anonymous') and
-- goes on to its page. As with invitations, only the SHA-256 of the link's token is kept.
create table survey_unit_links (
    unit_link_id uuid primary key,
    region       text not null,
    survey_key   text not null,
    org_unit     text not null,
    -- the language a visit starts in (the page still follows the browser's Accept-Language and offers a switch)
    language     text not null,
    token_hash   bytea not null unique,
    created_at   timestamptz not null,
    created_by   text not null,
    revoked_at   timestamptz,
    revoked_by   text
);
create index survey_unit_links_survey on survey_unit_links (survey_key, created_at);
