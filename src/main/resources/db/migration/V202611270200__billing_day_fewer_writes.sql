-- An invoice's card is one of its patron's (cards are never deleted, only marked removed; a trigger
-- now refuses it), checked by `ledger verify` — which also checks that the card is the patron's, as
-- the per-row foreign key (a lookup and a row lock for each of a billing day's invoices) did not.
alter table invoices drop constraint invoices_payment_method_id_fkey;
create trigger payment_methods_never_deleted before delete on payment_methods
    for each statement execute function refuse_delete();

-- Nothing looks queued mail up by its due time any more (the drain walks it in id order through
-- mail_outbox_claimable); the index cost an entry per mail queued and per claim.
drop index mail_outbox_due;
