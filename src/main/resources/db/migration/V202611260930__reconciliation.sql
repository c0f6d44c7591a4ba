-- What the daily comparison of the gateway's books with ours found.
create table reconciliation_runs (
    id          bigint generated always as identity primary key,
    gateway     text        not null,
    period_from timestamptz not null,
    period_to   timestamptz not null,
    ran_at      timestamptz not null,
    gateway_transactions int not null,
    mismatches  int         not null
);
create index reconciliation_runs_recent on reconciliation_runs (ran_at desc);

create table reconciliation_mismatches (
    id        bigint generated always as identity primary key,
    run_id    bigint not null references reconciliation_runs (id),
    kind      text   not null,
    reference text   not null,
    detail    text   not null
);
create index reconciliation_mismatches_by_run on reconciliation_mismatches (run_id);
