-- Case metrics (docs/cases.md, "Case metrics") date a case by the instant they measure to: one index each, so a
-- period's query reads only that period's cases.
create index cases_opened_at on cases (opened_at);
create index cases_first_response_at on cases (first_response_at) where first_response_at is not null;
create index cases_resolved_at on cases (resolved_at) where resolved_at is not null;
create index cases_closed_at on cases (closed_at) where closed_at is not null;
