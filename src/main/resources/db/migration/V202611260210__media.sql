-- Uploaded files; the bytes live in media storage under their SHA-256.
create table media (
    id               bigint generated always as identity primary key,
    owner_user_id    bigint      not null references users (id),
    kind             text        not null check (kind in ('IMAGE', 'AUDIO')),
    content_type     text        not null,
    size_bytes       bigint      not null check (size_bytes > 0),
    sha256           char(64)    not null,
    width            int,
    height           int,
    duration_seconds int,
    original_name    text        not null,
    publicly         boolean     not null,
    created_at       timestamptz not null,
    check (kind <> 'IMAGE' or (width > 0 and height > 0)),
    check (kind <> 'AUDIO' or duration_seconds > 0)
);
create index media_by_owner on media (owner_user_id, created_at desc);
