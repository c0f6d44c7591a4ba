-- New-post mail to members.

-- The creator's choice: the whole post, a preview with a link, or no mail.
alter table campaigns add column post_mail text not null default 'PREVIEW'
    check (post_mail in ('FULL', 'PREVIEW', 'OFF'));

-- The audience of a post is read a chunk at a time, in patron order, per campaign.
create index memberships_by_campaign_patron on memberships (campaign_id, patron_user_id);

-- A patron who wants no post mail from one creator (campaign_id) or from anyone (campaign_id null).
create table post_mail_optouts (
    user_id     bigint      not null references users (id),
    campaign_id bigint references campaigns (id),
    created_at  timestamptz not null
);
create unique index post_mail_optouts_one on post_mail_optouts (user_id, coalesce(campaign_id, 0));

-- One published post's mail, queued to its audience a chunk at a time: after_user_id is how far it
-- got, committed with each chunk, so a node that dies mid-way leaves the rest to another (lease).
-- A re-publish (a new published_at) starts over; the outbox's keys keep anyone from a second mail.
create table post_mailings (
    post_id       bigint primary key,
    campaign_id   bigint      not null,
    published_at  timestamptz not null,
    status        text        not null check (status in ('PENDING', 'DONE')),
    after_user_id bigint      not null default 0,
    queued        int         not null default 0,
    lease_until   timestamptz,
    created_at    timestamptz not null,
    finished_at   timestamptz
);
create index post_mailings_pending on post_mailings (created_at) where status = 'PENDING';

-- The text of a mail sent to many, kept once: outbox rows point at it instead of a copy each.
create table mail_contents (
    id          bigint generated always as identity primary key,
    content_key text        not null unique,
    subject     text        not null,
    body        text        not null,
    html_body   text,
    created_at  timestamptz not null
);
alter table mail_outbox
    add column content_id bigint references mail_contents (id),
    add column html_body text,
    alter column subject drop not null,
    alter column body drop not null,
    add constraint mail_outbox_has_text check (content_id is not null or (subject is not null and body is not null));

-- Mail about a post unpublished or deleted before it was sent is withdrawn, not sent.
alter table mail_outbox drop constraint mail_outbox_status_check;
alter table mail_outbox add constraint mail_outbox_status_check
    check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'CANCELLED'));
