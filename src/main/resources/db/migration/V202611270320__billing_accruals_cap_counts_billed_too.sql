-- V202611270310 let a per-creation pledge's cap count only the month's pending accruals. That holds
-- while a month's accruals are all billed after the month ends, but not when a post's event is
-- handled after its month was billed (late, or replayed after a restart), or when a billing day is
-- run ahead of its date: billed accruals of the month would not count, and a patron could be billed
-- for more creations than their cap. The cap counts billed accruals again, through this index.
drop index accruals_pending_by_membership;
create index accruals_by_membership_month on accruals (membership_id, accrual_month) where status <> 'VOID';
