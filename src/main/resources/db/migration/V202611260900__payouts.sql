-- How and when creators are paid out.
create table payout_methods (
    campaign_id            bigint primary key references campaigns (id),
    kind                   text        not null check (kind in ('STRIPE_CONNECT', 'MANUAL')),
    connect_account        text check (connect_account is null or connect_account ~ '^acct_[A-Za-z0-9]{6,64}$'),
    bank_details_encrypted bytea,
    bank_summary           text,
    automatic              boolean     not null default false,
    updated_at             timestamptz not null,
    check ((kind = 'STRIPE_CONNECT') = (connect_account is not null)),
    check ((kind = 'MANUAL') = (bank_details_encrypted is not null))
);

create table payouts (
    id              bigint generated always as identity primary key,
    idempotency_key text        not null unique,
    campaign_id     bigint      not null references campaigns (id),
    amount_minor    bigint      not null check (amount_minor > 0),
    currency        char(3)     not null,
    method_kind     text        not null check (method_kind in ('STRIPE_CONNECT', 'MANUAL')),
    destination     text        not null,
    status          text        not null check (status in ('REQUESTED', 'SENT', 'PAID', 'FAILED')),
    external_id     text,
    failure_reason  text,
    requested_at    timestamptz not null,
    sent_at         timestamptz,
    settled_at      timestamptz
);
create index payouts_by_campaign on payouts (campaign_id, requested_at desc);
create index payouts_open on payouts (status) where status in ('REQUESTED', 'SENT');
