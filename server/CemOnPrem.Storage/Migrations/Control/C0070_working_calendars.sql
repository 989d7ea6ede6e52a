-- Working calendars per region (issue 21, docs/cases.md "Working calendars and business time"): the time zone,
-- the weekly working days and hours, and dated exceptions. Not personal data, and any node may plan a clock for
-- any region, hence the control database. A region without a row works Monday-Friday in UTC (said so wherever used).
create table working_calendars (
    region        text primary key,
    time_zone     text not null,
    -- ISO weekdays (1 = Monday ... 7 = Sunday) that are working days unless a dated exception says otherwise
    working_days  smallint[] not null,
    -- working hours as minutes after local midnight; business-hour clocks count only this window
    work_start    integer not null check (work_start between 0 and 1439),
    work_end      integer not null check (work_end between 1 and 1440),
    -- bumped by every change, so an operator (and the cache) can tell one version from the next
    version       integer not null,
    updated_at    timestamptz not null,
    updated_by    text not null,
    check (work_end > work_start),
    check (cardinality(working_days) between 1 and 7)
);

-- Dated exceptions: a public holiday (a working weekday off) or a moved working day (a weekend day worked,
-- e.g. China's adjusted working Saturdays).
create table working_calendar_days (
    region  text not null references working_calendars (region) on delete cascade,
    day     date not null,
    kind    text not null check (kind in ('holiday', 'working-day')),
    name    text not null default '',
    primary key (region, day)
);
