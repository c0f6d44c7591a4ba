-- A billing day pays most of its invoices moments after writing them. The payment changed a column
-- that the partial indexes of retries named (status), so every payment wrote the invoice again with
-- new entries in all four of its other indexes. A retry is only ever due on an open invoice (every
-- way out of OPEN clears next_attempt_at; the check makes it a rule), so the indexes can ask for the
-- next attempt alone, and with room left on each page (fillfactor 50) the payment is a heap-only
-- update: the new version beside the old one, no index touched.
update invoices set next_attempt_at = null where status <> 'OPEN' and next_attempt_at is not null;
alter table invoices add constraint invoices_retry_only_when_open check (status = 'OPEN' or next_attempt_at is null);
drop index invoices_due_retry;
create index invoices_due_retry on invoices (next_attempt_at) where next_attempt_at is not null;
drop index invoices_untried;
create index invoices_untried on invoices (run_id, id) where failures = 0 and next_attempt_at is not null;
alter table invoices set (fillfactor = 50);
