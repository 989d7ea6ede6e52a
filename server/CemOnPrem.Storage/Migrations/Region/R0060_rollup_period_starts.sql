-- Month and ISO-week starts stored with each rollup cell (computed by PostgreSQL on insert, never written by the
-- projector). A "by month" query groups ~70k day cells per metric and year; computing the month of every cell at query
-- time was about a fifth of that query's cost (docs/performance.md). Appended at the end of the table, so the
-- positional inserts of the projector and the rebuild (which name the first eight columns) are unaffected.
alter table metric_rollups
    add column month date generated always as (day - date_part('day', day)::int + 1) stored,
    add column week date generated always as (day - date_part('isodow', day)::int + 1) stored;
