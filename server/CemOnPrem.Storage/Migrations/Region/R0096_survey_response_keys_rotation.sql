-- KEK rotation re-wraps survey_response_keys like customer_keys and case_keys (Storage's WrappedKeyTables lists them).
alter table survey_response_keys add column rewrapped_at timestamptz;
