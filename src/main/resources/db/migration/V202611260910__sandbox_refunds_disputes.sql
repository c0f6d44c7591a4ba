-- The sandbox gateway's own books for refunds and disputes (a real processor keeps these itself).
create table sandbox_refunds (
    idempotency_key text primary key,
    refund_id       text        not null unique,
    charge_id       text        not null references sandbox_charges (charge_id),
    amount_minor    bigint      not null check (amount_minor > 0),
    currency        char(3)     not null,
    outcome         text        not null check (outcome in ('SUCCEEDED', 'FAILED')),
    message         text        not null,
    created_at      timestamptz not null
);
create index sandbox_refunds_by_charge on sandbox_refunds (charge_id);

create table sandbox_disputes (
    dispute_id   text primary key,
    charge_id    text        not null references sandbox_charges (charge_id),
    amount_minor bigint      not null check (amount_minor > 0),
    currency     char(3)     not null,
    reason       text        not null,
    status       text        not null check (status in ('OPEN', 'WON', 'LOST')),
    opened_at    timestamptz not null,
    closed_at    timestamptz
);
create unique index sandbox_disputes_one_per_charge on sandbox_disputes (charge_id);
