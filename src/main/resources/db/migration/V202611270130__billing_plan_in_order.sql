-- A chunk of a shard's plan is taken in patron order: the index gives that order, so taking the
-- next few hundred reads a few hundred entries instead of sorting every patron left in the shard
-- (which made a billing day of a million pledges quadratic).
drop index billing_plan_todo;
create index billing_plan_todo on billing_plan (run_id, shard, patron_user_id, currency) where not invoiced;
