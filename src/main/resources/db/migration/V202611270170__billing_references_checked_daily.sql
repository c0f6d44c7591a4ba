-- The billing day writes a million invoice lines, accrual links and attempts; each foreign key below
-- cost a lookup and a row lock per row (about 6 µs: some 30 s of a 1,000,000-pledge day). They are
-- references inside the billing engine's own tables, written by it in one transaction with the rows
-- they point to, so they are kept true the way accruals' are (V202611270150):
--  * invoices and their lines are never deleted (voided and refunded instead): triggers refuse it,
--    as they do for memberships and posts;
--  * `ledger verify` checks every line's invoice, membership and campaign, every attempt's invoice
--    and every invoiced accrual's line, daily and on demand.
alter table invoice_lines
    drop constraint invoice_lines_invoice_id_fkey,
    drop constraint invoice_lines_campaign_id_fkey,
    drop constraint invoice_lines_membership_id_fkey;
alter table accruals drop constraint accruals_invoice_line_fk;
alter table payment_attempts drop constraint payment_attempts_invoice_id_fkey;

create trigger invoices_never_deleted before delete on invoices
    for each statement execute function refuse_delete();
create trigger invoice_lines_never_deleted before delete on invoice_lines
    for each statement execute function refuse_delete();
