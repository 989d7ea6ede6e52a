-- Analytics projection: journeys, per-customer rollup contributions, and the rollups themselves.
--
-- The projector follows the log by transaction id (xid8): every row written or re-pointed by a transaction carries
-- that transaction's id, and every transaction older than the snapshot's xmin has ended, so "all rows with
-- tx < xmin" is a prefix of the log that can no longer change. The projector's watermark is such an xmin.
alter table events add column tx xid8 not null default pg_current_xact_id();
create index events_tx on events (tx);
alter table customers add column tx xid8 not null default pg_current_xact_id();
create index customers_tx on customers (tx);

-- One row per region database: how far the projector has gone (an xid8 as bigint; 0 = nothing projected).
create table analytics_checkpoint (
    singleton   boolean primary key default true check (singleton),
    watermark   bigint not null,
    -- the "now" the last cycle derived abandonment time-outs with
    projected_at timestamptz,
    updated_at  timestamptz not null default now()
);
insert into analytics_checkpoint (watermark) values (0);

-- What each customer currently contributes to the rollups, so a change is applied as (new - old) exactly once.
create table customer_analytics (
    customer_id text primary key,
    region      text not null,
    cells       jsonb not null,
    -- earliest moment a running journey of this customer times out (abandonment); null when none can
    next_due    timestamptz,
    updated_at  timestamptz not null
);
create index customer_analytics_due on customer_analytics (next_due) where next_due is not null;

-- Journey instances derived from each customer's touchpoint events (replayed in occurredAt order).
create table journeys (
    customer_id   text not null,
    region        text not null,
    template_id   text not null,
    instance      integer not null,
    status        text not null,
    current_stage text not null,
    started_at    timestamptz not null,
    ended_at      timestamptz,
    stages        jsonb not null,
    primary key (customer_id, template_id, instance)
);

-- Additive rollups. A cell never identifies anyone: it holds counts and sums per
-- (metric, day, org unit, journey template, stage). Which column means what depends on the metric's kind
-- (see docs/architecture.md, "Rollups"); hist[i + 1] counts durations in bucket i.
create table metric_rollups (
    metric   text not null,
    day      date not null,
    org_unit text not null,
    journey  text not null,
    stage    text not null,
    n        bigint not null,
    a        bigint not null,
    b        bigint not null,
    s1       numeric not null,
    s2       numeric not null,
    hist     bigint[] not null,
    primary key (metric, day, org_unit, journey, stage)
);

-- Element-wise sum of two histograms, trailing zeros trimmed (so a retracted bucket leaves no trace).
create function cem_hist_add(x bigint[], y bigint[]) returns bigint[] language sql immutable as $$
    with summed as (
        select i, coalesce(x[i], 0) + coalesce(y[i], 0) as v
        from generate_series(1, greatest(coalesce(array_length(x, 1), 0), coalesce(array_length(y, 1), 0))) as i),
    last as (select max(i) as m from summed where v <> 0)
    select coalesce(array_agg(v order by i), '{}') from summed, last where i <= last.m
$$;

create aggregate cem_hist_sum(bigint[]) (sfunc = cem_hist_add, stype = bigint[], initcond = '{}');
