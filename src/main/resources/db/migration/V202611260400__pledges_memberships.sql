-- A person's standing with a creator: following for free, or supporting with a pledge.
create table memberships (
    id             bigint generated always as identity primary key,
    campaign_id    bigint      not null references campaigns (id),
    patron_user_id bigint      not null references users (id),
    tier_id        bigint references tiers (id) on delete set null,
    amount_minor   bigint      not null default 0 check (amount_minor >= 0),
    currency       char(3)     not null,
    status         text        not null check (status in ('ACTIVE', 'DECLINED', 'CANCELLED')),
    paid_through   timestamptz,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    cancelled_at   timestamptz,
    check ((status = 'CANCELLED') = (cancelled_at is not null))
);
-- at most one live membership per person and creator: a double-submitted form makes one
create unique index memberships_one_live on memberships (campaign_id, patron_user_id) where status <> 'CANCELLED';
create index memberships_by_patron on memberships (patron_user_id) where status <> 'CANCELLED';
create index memberships_by_campaign on memberships (campaign_id, status);
