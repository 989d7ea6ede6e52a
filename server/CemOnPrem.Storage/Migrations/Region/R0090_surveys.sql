-- Surveys: the "ask" step (docs/surveys.md). survey_invitations (R0010) holds the projection's trigger decisions;
-- an invitation here is what is actually sent: one per decision (decision_key unique), or made by hand, or one per
-- visit of a unit's anonymous link. The link carries a random token of which only the SHA-256 is kept.
create table invitations (
    invitation_id  uuid primary key,
    region         text not null,
    -- '{packId}:{surveyId}' for a pack's survey, the code of an admin-made one; the version answered is fixed here
    survey_key     text not null,
    survey_version text not null,
    origin         text not null check (origin in ('trigger', 'manual', 'anonymous')),
    -- the trigger decision this invitation carries out ('{pack}/{survey}/{cause}'), so a decision is sent once
    decision_key   text unique,
    customer_id    text references customers (customer_id),
    org_unit       text,
    journey        text,
    touchpoint     text,
    -- attributes branching may test (never personal: taken from the event's non-personal attributes)
    attributes     jsonb not null default '{}',
    language       text not null,
    channel        text not null check (channel in ('link', 'email', 'webhook', 'anonymous')),
    token_hash     bytea not null unique,
    status         text not null check (status in ('pending', 'sent', 'suppressed', 'failed', 'expired', 'completed')),
    -- why it was suppressed or failed ('no-consent:…', 'frequency-cap', …)
    reason         text,
    created_at     timestamptz not null,
    created_by     text not null,
    -- not sent before (the trigger's delay, quiet hours)
    send_after     timestamptz not null,
    sent_at        timestamptz,
    delivered_at   timestamptz,
    opened_at      timestamptz,
    started_at     timestamptz,
    completed_at   timestamptz,
    expires_at     timestamptz not null
);
create index invitations_to_send on invitations (send_after) where status = 'pending';
create index invitations_customer on invitations (customer_id, created_at desc) where customer_id is not null;
create index invitations_survey on invitations (survey_key, created_at);

-- A respondent's answers: one response per invitation, kept while in progress (partial progress) and finished once.
create table survey_responses (
    response_id       uuid primary key,
    region            text not null,
    invitation_id     uuid not null unique references invitations (invitation_id),
    survey_key        text not null,
    survey_version    text not null,
    customer_id       text references customers (customer_id),
    org_unit          text,
    language          text not null,
    status            text not null check (status in ('in-progress', 'completed')),
    started_at        timestamptz not null,
    updated_at        timestamptz not null,
    completed_at      timestamptz,
    -- when the finished response's feedback event (source 'survey', event id = response id) was in the event log
    event_appended_at timestamptz
);
create index survey_responses_customer on survey_responses (customer_id) where customer_id is not null;
create index survey_responses_unappended on survey_responses (completed_at) where status = 'completed' and event_appended_at is null;
create index survey_responses_survey on survey_responses (survey_key, completed_at) where status = 'completed';

-- One row per answer key (SurveyAnswerKeys: question, question/row, question/option): what key-driver analysis reads.
create table survey_answers (
    response_id  uuid not null references survey_responses (response_id) on delete cascade,
    region       text not null,
    answer_key   text not null,
    question_id  text not null,
    -- scale and matrix answers
    number_value integer,
    -- choice answers
    choices      text[],
    -- free text, AES-GCM like other personal text (docs/surveys.md says under which key)
    text_cipher  bytea,
    primary key (response_id, answer_key)
);
