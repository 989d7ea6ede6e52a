-- Rollups key the org unit by a small integer instead of its text code. A dashboard query scans and groups tens of
-- thousands of cells; hashing and comparing an int is measurably cheaper than a text code (docs/performance.md).
--
-- The dictionary belongs to this region database (docs/architecture.md, "Rollups"): the projector adds a code the
-- first time a cell of it is written, and a row is never updated or deleted, so an id means one code forever and a
-- code that disappears and comes back finds its own id again. Id 0 is "no org unit" (the empty code), the same in
-- every region database; identity ids start at 1.
create table org_unit_ids (
    id   integer generated always as identity (start with 1) primary key,
    code text not null unique
);

insert into org_unit_ids (id, code) overriding system value values (0, '');

-- Every code the rollups (and the retired contributions, which a rebuild copies into the rollups) already hold.
insert into org_unit_ids (code)
select code from (
    select org_unit as code from metric_rollups
    union select org_unit from metric_rollup_sums
    union select org_unit from retired_contributions) as codes
where code <> ''
order by code;

drop view metric_rollup_cells;

-- New tables rather than altering the column type in place: same reasoning as R0040 (rows rewritten once, in key order).
create table metric_rollups_by_id (
    metric      text not null,
    day         date not null,
    org_unit_id integer not null,
    journey     text not null,
    stage       text not null,
    n           bigint not null,
    a           bigint not null,
    b           bigint not null,
    constraint metric_rollups_by_id_pkey primary key (metric, day, org_unit_id, journey, stage)
);

insert into metric_rollups_by_id
select r.metric, r.day, o.id, r.journey, r.stage, r.n, r.a, r.b
from metric_rollups r join org_unit_ids o on o.code = r.org_unit
order by r.metric, r.day, o.id, r.journey, r.stage;

create table metric_rollup_sums_by_id (
    metric      text not null,
    day         date not null,
    org_unit_id integer not null,
    journey     text not null,
    stage       text not null,
    s1          numeric not null,
    s2          numeric not null,
    hist        bigint[] not null,
    constraint metric_rollup_sums_by_id_pkey primary key (metric, day, org_unit_id, journey, stage)
);

insert into metric_rollup_sums_by_id
select r.metric, r.day, o.id, r.journey, r.stage, r.s1, r.s2, r.hist
from metric_rollup_sums r join org_unit_ids o on o.code = r.org_unit
order by r.metric, r.day, o.id, r.journey, r.stage;

-- A cell whose code found no id would be lost silently: refuse the migration instead (cannot happen: every code was
-- inserted above, but a wrong join here would cost data).
do $$
begin
    if (select count(*) from metric_rollups) <> (select count(*) from metric_rollups_by_id)
       or (select count(*) from metric_rollup_sums) <> (select count(*) from metric_rollup_sums_by_id) then
        raise exception 'R0042: converting the rollups to org-unit ids lost cells';
    end if;
end
$$;

drop table metric_rollups;
drop table metric_rollup_sums;
alter table metric_rollups_by_id rename to metric_rollups;
alter table metric_rollups rename constraint metric_rollups_by_id_pkey to metric_rollups_pkey;
alter table metric_rollup_sums_by_id rename to metric_rollup_sums;
alter table metric_rollup_sums rename constraint metric_rollup_sums_by_id_pkey to metric_rollup_sums_pkey;

-- Whole cells with the org unit's code, as the verify compares them and as tools want to read them.
-- retired_contributions stays keyed by code: it is written by erasures and read only by the recompute and a rebuild.
create view metric_rollup_cells as
select cells.metric, cells.day, o.code as org_unit, cells.org_unit_id, cells.journey, cells.stage,
       cells.n, cells.a, cells.b, cells.s1, cells.s2, cells.hist
from (
    select metric, day, org_unit_id, journey, stage,
           coalesce(c.n, 0) as n, coalesce(c.a, 0) as a, coalesce(c.b, 0) as b,
           coalesce(s.s1, 0) as s1, coalesce(s.s2, 0) as s2, coalesce(s.hist, '{}') as hist
    from metric_rollups c
    full join metric_rollup_sums s using (metric, day, org_unit_id, journey, stage)) as cells
join org_unit_ids o on o.id = cells.org_unit_id;
