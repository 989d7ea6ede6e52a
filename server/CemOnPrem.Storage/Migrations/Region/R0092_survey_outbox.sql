-- Surveys' distribution outbox (docs/surveys.md "Channels: link, e-mail and webhook"): one row per invitation to
-- send, written in the same transaction as the invitation. The invitation id is the idempotency key receivers
-- de-duplicate on (webhook header and body, e-mail Message-Id).
--   waiting    made, not yet past the send-time checks (consent, frequency cap); due at the invitation's send_after
--   pending    past the checks: being delivered (retried with back-off)
--   delivered  handed over (link: nothing to deliver)
--   dead       given up on (visible to admins, who may retry it)
--   suppressed the send-time checks stopped it (the invitation says why)
--   expired    the invitation expired before it could be delivered
create table survey_outbox (
    invitation_id   uuid primary key references invitations (invitation_id) on delete cascade,
    region          text not null,
    channel         text not null check (channel in ('link', 'email', 'webhook')),
    -- the link with its token: the only place it exists; kept only until the invitation is delivered (then null)
    link            text,
    -- an admin's manual invitation may skip the frequency cap (audited when asked for)
    ignore_cap      boolean not null default false,
    state           text not null check (state in ('waiting', 'pending', 'delivered', 'dead', 'suppressed', 'expired')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    lease_token     uuid,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz
);
create index survey_outbox_due on survey_outbox (next_attempt_at) where state in ('waiting', 'pending');
create index survey_outbox_dead on survey_outbox (created_at) where state = 'dead';
-- the trigger decisions still to turn into invitations are found by decision_key; invitations has it unique
