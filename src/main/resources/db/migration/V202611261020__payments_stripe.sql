-- The Stripe adapter's own records. Stripe keeps the truth about money; these tables only let us
-- find Stripe's objects again by our keys, and make each webhook count once.

-- One Stripe customer per patron (created the first time they save a card).
create table stripe_customers (
    user_id     bigint primary key references users (id),
    customer_id text        not null unique,
    created_at  timestamptz not null
);

-- Written before a PaymentIntent is created (committed on its own), so a charge whose answer was
-- lost can still be found by our key: by its id once known, else among the customer's intents.
create table stripe_charges (
    idempotency_key   text primary key,
    customer_id       text        not null,
    payment_method    text        not null,
    payment_intent_id text unique,
    created_at        timestamptz not null
);

-- Likewise for refunds: the PaymentIntent they belong to is where a lost one is looked for.
create table stripe_refunds (
    idempotency_key   text primary key,
    payment_intent_id text        not null,
    refund_id         text unique,
    created_at        timestamptz not null
);

-- Every webhook event Stripe sent, by its id: inserting it decides whether it is new.
create table stripe_events (
    id          text primary key,
    type        text        not null,
    created     timestamptz not null,
    received_at timestamptz not null,
    applied_at  timestamptz,
    outcome     text,
    payload     jsonb       not null
);
create index stripe_events_recent on stripe_events (received_at desc);

-- Facts already announced to the other modules (a dispute opened, a payout paid …), so events that
-- arrive twice or out of order announce each fact once.
create table stripe_announced (
    object_id    text        not null,
    fact         text        not null,
    announced_at timestamptz not null,
    primary key (object_id, fact)
);
