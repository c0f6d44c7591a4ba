-- People with an account. Email is unique whatever its case.
create table users (
    id                bigint generated always as identity primary key,
    email             text        not null check (length(email) between 3 and 254),
    email_verified_at timestamptz,
    display_name      text        not null check (length(display_name) between 1 and 80),
    password_hash     text        not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create unique index users_email_unique on users (lower(email));

create table user_roles (
    user_id bigint not null references users (id) on delete cascade,
    role    text   not null check (role in ('PATRON', 'CREATOR', 'ADMIN')),
    primary key (user_id, role)
);

-- Single-use links sent by email. Only a hash of the token is stored.
create table email_tokens (
    id         bigint generated always as identity primary key,
    user_id    bigint      not null references users (id) on delete cascade,
    purpose    text        not null check (purpose in ('PASSWORD_RESET', 'VERIFY_EMAIL')),
    token_hash bytea       not null unique,
    email      text        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    check (expires_at > created_at)
);
create index email_tokens_by_user on email_tokens (user_id, purpose, created_at desc);

-- Sign-in attempts, for throttling by email and by address.
create table login_failures (
    id           bigint generated always as identity primary key,
    email        text        not null,
    remote_addr  text        not null,
    attempted_at timestamptz not null
);
create index login_failures_by_email on login_failures (email, attempted_at desc);
create index login_failures_by_addr on login_failures (remote_addr, attempted_at desc);

-- Spring Security's persistent remember-me tokens (shared by every node).
create table persistent_logins (
    username  varchar(254) not null,
    series    varchar(64) primary key,
    token     varchar(64)  not null,
    last_used timestamp    not null
);
create index persistent_logins_by_user on persistent_logins (username);

-- Secrets generated once per instance (every node reads the same).
create table instance_secrets (
    name       text primary key,
    value      text        not null,
    created_at timestamptz not null default now()
);
