-- Pledges: what a member pays, how often, capped how, and with which card.
alter table memberships drop constraint memberships_status_check;
alter table memberships add constraint memberships_status_check
    check (status in ('INCOMPLETE', 'ACTIVE', 'DECLINED', 'CANCELLED', 'FAILED'));
alter table memberships drop constraint memberships_check;
alter table memberships add constraint memberships_cancelled_at_check
    check ((status in ('CANCELLED', 'FAILED')) = (cancelled_at is not null));
drop index memberships_one_live;
create unique index memberships_one_live on memberships (campaign_id, patron_user_id)
    where status in ('INCOMPLETE', 'ACTIVE', 'DECLINED');
alter table memberships
    add column cadence           text not null default 'FREE'
        check (cadence in ('FREE', 'PER_CREATION', 'MONTHLY', 'ANNUAL')),
    add column monthly_cap       int check (monthly_cap is null or monthly_cap >= 1),
    add column anchor_day        int check (anchor_day between 1 and 31),
    add column next_charge_on    date,
    add column next_amount_minor bigint check (next_amount_minor is null or next_amount_minor > 0),
    add column next_tier_id      bigint references tiers (id) on delete set null,
    add column payment_method_id bigint references payment_methods (id),
    add constraint memberships_paid_has_card check (cadence = 'FREE' or payment_method_id is not null),
    add constraint memberships_free_is_zero check ((cadence = 'FREE') = (amount_minor = 0));

-- Every change to a pledge, never updated or deleted.
create table pledge_history (
    id             bigint generated always as identity primary key,
    membership_id  bigint      not null references memberships (id),
    at             timestamptz not null,
    action         text        not null,
    amount_minor   bigint      not null,
    monthly_cap    int,
    tier_id        bigint,
    cadence        text        not null,
    note           text        not null default ''
);
create index pledge_history_by_membership on pledge_history (membership_id, id);

-- A pending bill: a per-creation patron owes for a paid post. One per (membership, post).
create table accruals (
    id              bigint generated always as identity primary key,
    idempotency_key text        not null unique,
    membership_id   bigint      not null references memberships (id),
    campaign_id     bigint      not null references campaigns (id),
    patron_user_id  bigint      not null references users (id),
    post_id         bigint      not null references posts (id),
    amount_minor    bigint      not null check (amount_minor > 0),
    currency        char(3)     not null,
    accrued_at      timestamptz not null,
    accrual_month   date        not null check (extract(day from accrual_month) = 1),
    status          text        not null check (status in ('PENDING', 'INVOICED', 'VOID')),
    invoice_line_id bigint,
    unique (membership_id, post_id),
    check ((status = 'INVOICED') = (invoice_line_id is not null))
);
create index accruals_pending on accruals (patron_user_id, currency, accrual_month) where status = 'PENDING';
create index accruals_by_post on accruals (post_id) where status = 'PENDING';
create index accruals_by_membership_month on accruals (membership_id, accrual_month) where status <> 'VOID';

-- One charge instead of many: everything due for a patron, in a currency, for one reason and day.
create table invoices (
    id              bigint generated always as identity primary key,
    idempotency_key text        not null unique,
    patron_user_id  bigint      not null references users (id),
    currency        char(3)     not null,
    billing_date    date        not null,
    reason          text        not null check (reason in ('BILLING_DAY', 'JOIN', 'UPGRADE', 'CANCEL')),
    total_minor     bigint      not null check (total_minor > 0),
    status          text        not null check (status in ('OPEN', 'PAID', 'UNCOLLECTIBLE', 'VOID')),
    payment_method_id bigint references payment_methods (id),
    run_id          bigint,
    failures        int         not null default 0,
    next_attempt_at timestamptz,
    created_at      timestamptz not null,
    paid_at         timestamptz,
    check ((status = 'PAID') = (paid_at is not null))
);
create index invoices_by_patron on invoices (patron_user_id, created_at desc);
create index invoices_due_retry on invoices (next_attempt_at) where status = 'OPEN';
create index invoices_by_run on invoices (run_id);

create table invoice_lines (
    id            bigint generated always as identity primary key,
    invoice_id    bigint      not null references invoices (id),
    campaign_id   bigint      not null references campaigns (id),
    membership_id bigint      not null references memberships (id),
    kind          text        not null check (kind in ('CREATIONS', 'PERIOD', 'UPGRADE')),
    amount_minor  bigint      not null check (amount_minor > 0),
    period_start  date,
    period_end    date,
    description   text        not null
);
create index invoice_lines_by_invoice on invoice_lines (invoice_id);
-- a membership period is billed once: a second attempt to bill it fails here and is parked
create unique index invoice_lines_one_period on invoice_lines (membership_id, period_start) where kind = 'PERIOD';
alter table accruals add constraint accruals_invoice_line_fk foreign key (invoice_line_id) references invoice_lines (id);

-- A try to collect an invoice. Written PENDING before the gateway is called, resolved after.
create table payment_attempts (
    id                bigint generated always as identity primary key,
    invoice_id        bigint      not null references invoices (id),
    attempt_no        int         not null check (attempt_no >= 1),
    idempotency_key   text        not null unique,
    gateway           text        not null,
    status            text        not null check (status in ('PENDING', 'SUCCEEDED', 'DECLINED', 'REQUIRES_ACTION', 'UNKNOWN')),
    amount_minor      bigint      not null check (amount_minor > 0),
    currency          char(3)     not null,
    gateway_charge_id text,
    settled_minor     bigint,
    fee_minor         bigint,
    decline_code      text,
    message           text,
    created_at        timestamptz not null,
    resolved_at       timestamptz,
    unique (invoice_id, attempt_no),
    unique (gateway, gateway_charge_id)
);
-- an invoice is paid at most once, and never has two attempts in flight
create unique index payment_attempts_one_success on payment_attempts (invoice_id) where status = 'SUCCEEDED';
create unique index payment_attempts_one_unresolved on payment_attempts (invoice_id) where status in ('PENDING', 'UNKNOWN');
create index payment_attempts_unresolved on payment_attempts (created_at) where status in ('PENDING', 'UNKNOWN');

-- A billing day: staged and resumable. Re-running a finished day changes nothing.
create table billing_runs (
    id           bigint generated always as identity primary key,
    billing_date date        not null unique,
    snapshot_at  timestamptz not null,
    stage        text        not null check (stage in ('PLANNING', 'INVOICING', 'CHARGING', 'DONE')),
    shards       int         not null check (shards between 1 and 1024),
    planned      int         not null default 0,
    invoiced     int         not null default 0,
    charged      int         not null default 0,
    started_at   timestamptz not null,
    finished_at  timestamptz
);

-- The plan: who is due on this day, by natural key; shards split the work between nodes.
create table billing_plan (
    run_id         bigint  not null references billing_runs (id),
    patron_user_id bigint  not null,
    currency       char(3) not null,
    shard          int     not null,
    invoiced       boolean not null default false,
    primary key (run_id, patron_user_id, currency)
);
create index billing_plan_todo on billing_plan (run_id, shard) where not invoiced;

-- What a run refused to bill (it would bill a period twice, or found something inconsistent).
create table billing_parked (
    id             bigint generated always as identity primary key,
    run_id         bigint,
    patron_user_id bigint,
    membership_id  bigint,
    reason         text        not null,
    parked_at      timestamptz not null,
    resolved_at    timestamptz
);

-- A creator's own platform fee, overriding the instance's (basis points: 100 = 1%).
create table creator_fee_overrides (
    campaign_id      bigint primary key references campaigns (id),
    platform_fee_bps int not null check (platform_fee_bps between 0 and 5000)
);
