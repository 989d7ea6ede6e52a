-- Metric rules (docs/cases.md, "Rules on live data"): a metric rule that keeps firing must not open a case per
-- evaluation. origin_key already makes each rule × org unit × window bucket once; this makes the rule × org unit have
-- at most one OPEN case, whatever the bucket (a case still being handled when the next window starts).
create unique index cases_open_metric_rule on cases (pack_id, rule_id, org_unit)
    where origin = 'rule' and origin_key like '%/metric:%' and state not in ('resolved', 'closed');
