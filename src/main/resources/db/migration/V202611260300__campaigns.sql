-- Creator pages, their tiers and goals.
create extension if not exists pg_trgm;

create table campaigns (
    id                  bigint generated always as identity primary key,
    owner_user_id       bigint      not null unique references users (id),
    slug                text        not null check (slug ~ '^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$'),
    name                text        not null check (length(name) between 1 and 80),
    one_liner           text        not null default '' check (length(one_liner) <= 140),
    summary_markdown    text        not null default '' check (length(summary_markdown) <= 20000),
    summary_html        text        not null default '',
    avatar_media_id     bigint references media (id),
    banner_media_id     bigint references media (id),
    intro_video_url     text check (intro_video_url is null or length(intro_video_url) <= 2000),
    currency            char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    billing_model       text        not null check (billing_model in ('PER_CREATION', 'MONTHLY')),
    creation_noun       text        not null check (length(creation_noun) between 1 and 30),
    patron_count_public boolean     not null default true,
    earnings_public     boolean     not null default false,
    adult               boolean     not null default false,
    status              text        not null check (status in ('DRAFT', 'PUBLISHED')),
    featured            boolean     not null default false,
    featured_at         timestamptz,
    annual_discount_pct int         not null default 0 check (annual_discount_pct between 0 and 50),
    paid_posts_per_month int        not null default 20 check (paid_posts_per_month between 1 and 100),
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    published_at        timestamptz,
    search              tsvector generated always as (
        setweight(to_tsvector('simple', coalesce(name, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(one_liner, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(summary_markdown, '')), 'C')) stored
);
create unique index campaigns_slug_unique on campaigns (slug);
create index campaigns_search_idx on campaigns using gin (search);
create index campaigns_name_trgm on campaigns using gin (name gin_trgm_ops);
create index campaigns_featured on campaigns (featured_at desc) where featured and status = 'PUBLISHED';
create index campaigns_newest on campaigns (published_at desc) where status = 'PUBLISHED';

create table tiers (
    id            bigint generated always as identity primary key,
    campaign_id   bigint      not null references campaigns (id) on delete cascade,
    title         text        not null check (length(title) between 1 and 60),
    description   text        not null default '' check (length(description) <= 2000),
    amount_minor  bigint      not null check (amount_minor > 0),
    currency      char(3)     not null,
    patron_limit  int check (patron_limit is null or patron_limit > 0),
    benefits      text[]      not null default '{}',
    welcome_note  text        not null default '' check (length(welcome_note) <= 2000),
    published     boolean     not null default true,
    position      int         not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create index tiers_by_campaign on tiers (campaign_id, position);

create table goals (
    id          bigint generated always as identity primary key,
    campaign_id bigint      not null references campaigns (id) on delete cascade,
    kind        text        not null check (kind in ('AMOUNT', 'PATRONS')),
    target      bigint      not null check (target > 0),
    description text        not null check (length(description) between 1 and 500),
    position    int         not null,
    created_at  timestamptz not null
);
create index goals_by_campaign on goals (campaign_id, position);

-- Words that appear in names, one-liners and post titles, for "did you mean …" on search.
create table search_lexicon (
    term text primary key check (length(term) between 2 and 40)
);
create index search_lexicon_trgm on search_lexicon using gin (term gin_trgm_ops);

-- Trigram matching over what people search for by name, so a typo still finds.
alter table campaigns add column search_text text generated always as (lower(name || ' ' || one_liner)) stored;
create index campaigns_search_text_trgm on campaigns using gin (search_text gin_trgm_ops);
