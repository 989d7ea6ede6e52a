-- KEK rotation re-wraps case_keys like customer_keys (Storage's WrappedKeyTables lists both): when it was done.
alter table case_keys add column rewrapped_at timestamptz;
