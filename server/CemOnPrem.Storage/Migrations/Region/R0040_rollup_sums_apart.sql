-- The decimal sums and histograms of a rollup cell move to their own table, present only for cells that have
-- them (CES means, durations, custom numeric metrics). Most cells are counters only (NPS, CSAT, rates, funnels),
-- and a dashboard query sums tens of thousands of them: scanning narrow rows of counters is ~20 % cheaper than
-- scanning rows that also carry two numerics and an array (measured, docs/performance.md).
create table metric_rollup_sums (
    metric   text not null,
    day      date not null,
    org_unit text not null,
    journey  text not null,
    stage    text not null,
    s1       numeric not null,
    s2       numeric not null,
    hist     bigint[] not null,
    primary key (metric, day, org_unit, journey, stage)
);

insert into metric_rollup_sums
select metric, day, org_unit, journey, stage, s1, s2, hist
from metric_rollups
where s1 <> 0 or s2 <> 0 or cardinality(hist) > 0;

-- A new table rather than dropping columns: dropped columns stay in every existing row until it is rewritten.
create table metric_rollup_counters (
    metric   text not null,
    day      date not null,
    org_unit text not null,
    journey  text not null,
    stage    text not null,
    n        bigint not null,
    a        bigint not null,
    b        bigint not null,
    constraint metric_rollup_counters_pkey primary key (metric, day, org_unit, journey, stage)
);

insert into metric_rollup_counters
select metric, day, org_unit, journey, stage, n, a, b
from metric_rollups
where n <> 0 or a <> 0 or b <> 0
order by metric, day, org_unit, journey, stage;

drop table metric_rollups;
alter table metric_rollup_counters rename to metric_rollups;
alter table metric_rollups rename constraint metric_rollup_counters_pkey to metric_rollups_pkey;

-- Whole cells (counters and sums) as the recompute compares them and as tools want to read them.
create view metric_rollup_cells as
select metric, day, org_unit, journey, stage,
       coalesce(c.n, 0) as n, coalesce(c.a, 0) as a, coalesce(c.b, 0) as b,
       coalesce(s.s1, 0) as s1, coalesce(s.s2, 0) as s2, coalesce(s.hist, '{}') as hist
from metric_rollups c
full join metric_rollup_sums s using (metric, day, org_unit, journey, stage);
