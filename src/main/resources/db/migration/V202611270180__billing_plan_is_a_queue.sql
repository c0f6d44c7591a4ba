-- The plan is the day's work queue: an item is taken out when its invoices are written, in the same
-- transaction, instead of being marked (a delete writes no new row version and no index entry; the
-- mark cost 8–20 s of a 1,000,000-pledge day). What was planned stays in billing_runs.planned, and
-- what was invoiced in the invoices themselves (their run and natural key).
drop index billing_plan_todo;
alter table billing_plan drop column invoiced;
create index billing_plan_todo on billing_plan (run_id, shard, patron_user_id, currency);

-- A paid post's accruals all share its (newest) post id: keyed post first, the unique index takes
-- them at its right edge instead of scattered over every membership's entries, and serves the
-- lookups by post that needed an index of their own.
alter table accruals drop constraint accruals_membership_id_post_id_key;
alter table accruals add constraint accruals_one_per_post_and_membership unique (post_id, membership_id);
drop index accruals_by_post;
