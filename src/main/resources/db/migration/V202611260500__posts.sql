-- Creations: posts with their access rule, attachments and comments.
create table posts (
    id              bigint generated always as identity primary key,
    campaign_id     bigint      not null references campaigns (id),
    title           text        not null check (length(title) between 1 and 200),
    slug            text        not null,
    body_markdown   text        not null default '' check (length(body_markdown) <= 100000),
    body_html       text        not null default '',
    teaser          text        not null default '',
    kind            text        not null check (kind in ('TEXT', 'IMAGES', 'AUDIO', 'VIDEO', 'LINK')),
    video_url       text,
    link_url        text,
    access          text        not null check (access in ('PUBLIC', 'MEMBERS', 'PATRONS', 'TIER')),
    min_tier_id     bigint references tiers (id) on delete set null,
    charge_patrons  boolean     not null default false,
    status          text        not null check (status in ('DRAFT', 'SCHEDULED', 'PUBLISHED')),
    scheduled_at    timestamptz,
    published_at    timestamptz,
    deleted_at      timestamptz,
    comments_locked boolean     not null default false,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    search          tsvector generated always as (to_tsvector('english', title)) stored,
    check (status <> 'SCHEDULED' or scheduled_at is not null),
    check (status <> 'PUBLISHED' or published_at is not null)
);
create index posts_published_by_campaign on posts (campaign_id, published_at desc, id desc)
    where status = 'PUBLISHED' and deleted_at is null;
create index posts_by_campaign on posts (campaign_id, updated_at desc) where deleted_at is null;
create index posts_search_idx on posts using gin (search);
create index posts_title_trgm on posts using gin (lower(title) gin_trgm_ops);

create table post_attachments (
    post_id  bigint not null references posts (id) on delete cascade,
    media_id bigint not null references media (id),
    position int    not null,
    primary key (post_id, media_id)
);

create table comments (
    id             bigint generated always as identity primary key,
    post_id        bigint      not null references posts (id) on delete cascade,
    author_user_id bigint      not null references users (id),
    parent_id      bigint references comments (id) on delete cascade,
    body           text        not null check (length(body) between 1 and 5000),
    created_at     timestamptz not null,
    edited_at      timestamptz,
    deleted_at     timestamptz
);
create index comments_top_level on comments (post_id, created_at, id) where parent_id is null;
create index comments_replies on comments (parent_id, created_at, id);

-- Private podcast feeds: one secret address per member and creator.
create table podcast_feed_tokens (
    user_id     bigint      not null references users (id),
    campaign_id bigint      not null references campaigns (id),
    token       text        not null unique,
    created_at  timestamptz not null,
    primary key (user_id, campaign_id)
);
create index posts_due on posts (scheduled_at) where status = 'SCHEDULED' and deleted_at is null;
