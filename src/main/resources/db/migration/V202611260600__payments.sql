-- Saved payment methods (a gateway's token, never a card number) and the sandbox gateway's own book.
create table payment_methods (
    id           bigint generated always as identity primary key,
    user_id      bigint      not null references users (id),
    gateway      text        not null,
    token        text        not null,
    brand        text        not null,
    last4        char(4)     not null,
    exp_month    int         not null check (exp_month between 1 and 12),
    exp_year     int         not null check (exp_year between 2000 and 2100),
    is_default   boolean     not null default false,
    created_at   timestamptz not null,
    removed_at   timestamptz,
    unique (gateway, token, user_id)
);
create unique index payment_methods_one_default on payment_methods (user_id) where is_default and removed_at is null;

-- What the in-process sandbox gateway has charged, by our idempotency key: it answers "what happened
-- to this key?" after a crash exactly as a real gateway would.
create table sandbox_charges (
    idempotency_key text primary key,
    charge_id       text        not null unique,
    token           text        not null,
    amount_minor    bigint      not null,
    currency        char(3)     not null,
    outcome         text        not null,
    settled_minor   bigint      not null,
    fee_minor       bigint      not null,
    decline_code    text,
    created_at      timestamptz not null
);
