-- Claiming the next rows to send walks the unsent ones in id order and stops at the batch size,
-- instead of gathering and sorting every queued row each time (a billing day queues hundreds of
-- thousands of receipts).
create index mail_outbox_claimable on mail_outbox (id) where status in ('QUEUED', 'SENDING');
