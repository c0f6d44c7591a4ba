-- Mail kept instead of sent when no SMTP server is configured, shown at /dev/mailbox.
create table dev_mailbox (
    id         bigint generated always as identity primary key,
    recipient  text        not null,
    subject    text        not null,
    body       text        not null,
    sent_at    timestamptz not null
);
create index dev_mailbox_by_sent on dev_mailbox (sent_at desc);
