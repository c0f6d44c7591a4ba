-- Mail to send, written in the same transaction as the fact it tells of; a task drains it. The key
-- makes a re-delivered event enqueue nothing new; the Message-ID derived from it lets mail clients
-- drop the rare second copy of a mail whose sending was interrupted after the server took it.
create table mail_outbox (
    id              bigint generated always as identity primary key,
    dedupe_key      text        not null unique,
    recipient       text        not null,
    subject         text        not null,
    body            text        not null,
    unsubscribe_url text,
    status          text        not null check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where status in ('QUEUED', 'SENDING');
