-- Merges re-point a loser's earlier losers ("where customer_id = $1 or merged_into = $1"), and every delete of a
-- customer (erasure, purge) checks the merged_into foreign key: without an index each was a sequential scan of the
-- whole customers table. Partial: only merged customers have the column set, so the index stays small.
create index customers_merged_into on customers (merged_into) where merged_into is not null;
