-- What lets a projector node trust the customer histories it keeps in memory (docs/architecture.md, "Analytics
-- projection"): a cycle then reads only a customer's new events instead of the whole history.
--
-- derived_below: the watermark a customer's stored derivation was made below. When a node's copy names the same
-- watermark, nothing has re-derived the customer since (no other node, no rectification, merge or consent change),
-- so the log still holds exactly that copy below it. Null (rows of older versions): unknown, read from the log.
alter table customer_analytics add column derived_below bigint;

-- erasures: counts erasures and retention purges of the region. A node that sees it change forgets every history it
-- holds for the region, so an erased customer's events do not outlive the erasure in any projector's memory.
alter table analytics_checkpoint add column erasures bigint not null default 0;
