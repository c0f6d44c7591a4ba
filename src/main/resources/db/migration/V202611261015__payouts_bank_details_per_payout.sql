-- A manual payout keeps the (encrypted) bank details it was requested with: the operator's export
-- must not lose them when the creator switches to Stripe, nor send to an account set afterwards.
alter table payouts add column bank_details_encrypted bytea;
alter table payouts add constraint payouts_bank_details_only_manual
    check (method_kind = 'MANUAL' or bank_details_encrypted is null);

update payouts p set bank_details_encrypted = m.bank_details_encrypted
  from payout_methods m
 where m.campaign_id = p.campaign_id and m.kind = 'MANUAL' and p.method_kind = 'MANUAL';
