-- An attempt's key is its invoice and number ('inv-{invoice}-{n}'), already unique together: the
-- check says so, and the key's own unique index — two text index entries per attempt of a billing
-- day, one when it is written and one when its outcome is — goes. Lookups by key go through
-- (invoice_id, attempt_no).
alter table payment_attempts
    add constraint payment_attempts_key_is_invoice_and_number
        check (idempotency_key = 'inv-' || invoice_id || '-' || attempt_no),
    drop constraint payment_attempts_idempotency_key_key;
