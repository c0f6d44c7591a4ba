-- Fewer index entries and per-row reference checks for each of a billing day's rows.

-- The plan's key leads with the shard that workers take it by, so one index serves both the
-- uniqueness of (run, patron, currency) — a run's shard is a function of the patron, from the run's
-- fixed shard count — and the walk of a shard in order. The run a plan item names is checked by
-- `ledger verify`, not by a lookup and a row lock per item; runs are never deleted.
alter table billing_plan drop constraint billing_plan_run_id_fkey;
alter table billing_plan drop constraint billing_plan_pkey;
drop index billing_plan_todo;
alter table billing_plan add primary key (run_id, shard, patron_user_id, currency);
create trigger billing_runs_never_deleted before delete on billing_runs
    for each statement execute function refuse_delete();

-- The janitor finds unresolved attempts through payment_attempts_one_unresolved (the same rows, a
-- handful at any time) and filters them by age; a second partial index cost an entry per attempt.
drop index payment_attempts_unresolved;

-- A leg is found by its entry: the key (entry_id, id) serves that, so the separate index goes.
alter table journal_legs drop constraint journal_legs_pkey;
alter table journal_legs add primary key (entry_id, id);
drop index journal_legs_by_entry;

-- An invoice's patron exists (accounts are never deleted; a trigger now refuses it), checked by
-- `ledger verify` rather than by a lookup and a lock on the patron's row for every invoice.
alter table invoices drop constraint invoices_patron_user_id_fkey;
create trigger users_never_deleted before delete on users
    for each statement execute function refuse_delete();
