-- A billing day's invoice is created with its attempt in flight and no next attempt: it is nothing
-- to retry or to start, so the indexes that find those need not hold it (two index entries fewer per
-- invoice of the day). Their queries all ask for a next attempt that is set, which implies it.
drop index invoices_due_retry;
create index invoices_due_retry on invoices (next_attempt_at) where status = 'OPEN' and next_attempt_at is not null;
drop index invoices_untried;
create index invoices_untried on invoices (run_id, id)
    where status = 'OPEN' and failures = 0 and next_attempt_at is not null;
