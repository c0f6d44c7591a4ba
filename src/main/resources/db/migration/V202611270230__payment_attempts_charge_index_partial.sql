-- A charge id belongs to one attempt. An attempt has none until the gateway answers, and a unique
-- index over every attempt kept an entry for each of those nulls (one per attempt started, then
-- another when the answer came); the partial index holds only the charges, as unique as before.
alter table payment_attempts drop constraint payment_attempts_gateway_gateway_charge_id_key;
create unique index payment_attempts_one_per_charge on payment_attempts (gateway, gateway_charge_id)
    where gateway_charge_id is not null;
