-- Money going back: refunds per invoice line, and disputes a patron's bank opened over a charge.
create table refunds (
    id                bigint generated always as identity primary key,
    idempotency_key   text        not null unique,
    attempt_id        bigint      not null references payment_attempts (id),
    invoice_line_id   bigint      not null references invoice_lines (id),
    campaign_id       bigint      not null references campaigns (id),
    patron_user_id    bigint      not null references users (id),
    amount_minor      bigint      not null check (amount_minor > 0),
    currency          char(3)     not null,
    status            text        not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED', 'UNKNOWN')),
    origin            text        not null check (origin in ('CREATOR', 'GATEWAY')),
    gateway_refund_id text,
    message           text,
    requested_by      bigint references users (id),
    created_at        timestamptz not null,
    resolved_at       timestamptz,
    unique (gateway_refund_id, invoice_line_id),
    check ((status = 'SUCCEEDED') = (gateway_refund_id is not null and resolved_at is not null))
);
create index refunds_by_attempt on refunds (attempt_id);
create index refunds_by_campaign on refunds (campaign_id, created_at desc);
create index refunds_unresolved on refunds (created_at) where status in ('PENDING', 'UNKNOWN');

create table disputes (
    id          bigint generated always as identity primary key,
    gateway     text        not null,
    dispute_id  text        not null,
    attempt_id  bigint      not null references payment_attempts (id),
    amount_minor bigint     not null check (amount_minor > 0),
    currency    char(3)     not null,
    reason      text        not null,
    status      text        not null check (status in ('OPEN', 'WON', 'LOST')),
    opened_at   timestamptz not null,
    closed_at   timestamptz,
    unique (gateway, dispute_id),
    check ((status = 'OPEN') = (closed_at is null))
);
create index disputes_by_attempt on disputes (attempt_id);

-- which creators a dispute touches (its amount split over the charge's lines), for their pages
create table dispute_shares (
    dispute_id  bigint not null references disputes (id),
    campaign_id bigint not null references campaigns (id),
    amount_minor bigint not null check (amount_minor >= 0),
    primary key (dispute_id, campaign_id)
);
create index dispute_shares_by_campaign on dispute_shares (campaign_id);
