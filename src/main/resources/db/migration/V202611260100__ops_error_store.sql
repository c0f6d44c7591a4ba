-- The error store: every unhandled exception, grouped by fingerprint.
create table error_groups (
    fingerprint    text primary key,
    exception_type text        not null,
    message        text,
    route          text,
    occurrences    bigint      not null check (occurrences > 0),
    first_seen     timestamptz not null,
    last_seen      timestamptz not null
);
create index error_groups_by_last_seen on error_groups (last_seen desc);

create table error_occurrences (
    id             bigint generated always as identity primary key,
    fingerprint    text        not null references error_groups (fingerprint) on delete cascade,
    occurred_at    timestamptz not null,
    exception_type text        not null,
    message        text,
    stack_trace    text        not null,
    method         text        not null,
    route          text,
    path           text        not null,
    query          text,
    headers        text        not null,
    user_id        bigint,
    request_id     text        not null
);
create index error_occurrences_by_group on error_occurrences (fingerprint, id desc);
