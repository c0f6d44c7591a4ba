-- A creator's earnings page sums the campaign's pending accruals (this month's, and all of them).
-- Nothing indexed accruals by campaign, so each view read the whole table (about 0.2 s at a million
-- accruals, and growing with history). Only pending ones are indexed: invoiced and void ones leave
-- the index as they stop being pending.
create index accruals_pending_by_campaign on accruals (campaign_id, accrual_month) where status = 'PENDING';
