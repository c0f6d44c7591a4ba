-- The platform fee each line paid when its invoice was settled, so a refund returns that fee (in
-- proportion) whatever the creator's rate is by then. Null on lines settled before this column.
alter table invoice_lines add column platform_fee_minor bigint check (platform_fee_minor >= 0);
