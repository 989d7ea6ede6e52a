-- Survey definitions (issue 22, docs/surveys.md "Survey definitions and question kinds"). Definitions name no one,
-- and every node serves every survey, hence the control database.
--
-- An admin-made survey: its draft (edited until published) and its identity. The key is the survey's code; pack
-- surveys never have a row here (their key holds a ':').
create table survey_drafts (
    survey_key  text primary key check (survey_key !~ ':'),
    -- the SDK SurveyTemplate shape (camelCase JSON); null once published and not edited since
    definition  jsonb,
    -- bumped by every draft write: the draft's ETag, so two admins cannot overwrite each other
    revision    integer not null check (revision > 0),
    created_at  timestamptz not null,
    created_by  text not null,
    updated_at  timestamptz not null,
    updated_by  text not null
);

-- Published versions, never changed once written: admin-made ones (1, 2, ...) and every pack survey version the
-- catalog has served (recorded the first time), so a response naming an older pack version still resolves after an
-- upgrade removed it from the pack.
create table survey_versions (
    survey_key   text not null,
    version      text not null,
    -- orders the versions of one survey (latest = highest), whatever their naming
    seq          bigint generated always as identity,
    pack_id      text,
    definition   jsonb not null,
    published_at timestamptz not null,
    published_by text not null,
    primary key (survey_key, version),
    check ((pack_id is null) = (survey_key !~ ':'))
);
create index survey_versions_latest on survey_versions (survey_key, seq desc);
