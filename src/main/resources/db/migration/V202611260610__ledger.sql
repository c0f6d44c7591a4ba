-- The double-entry journal. Every entry's legs sum to zero per currency (checked at commit).
create table journal_entries (
    id          bigint generated always as identity primary key,
    kind        text        not null,
    reference   text        not null unique,
    description text        not null,
    posted_at   timestamptz not null
);

create table journal_legs (
    id           bigint generated always as identity primary key,
    entry_id     bigint  not null references journal_entries (id),
    account      text    not null,
    currency     char(3) not null,
    amount_minor bigint  not null check (amount_minor <> 0)
);
create index journal_legs_by_entry on journal_legs (entry_id);
create index journal_legs_by_account on journal_legs (account, currency);

create function journal_entry_balances() returns trigger language plpgsql as $$
declare
    unbalanced record;
    legs int;
begin
    select count(*) into legs from journal_legs where entry_id = new.entry_id;
    if legs < 2 then
        raise exception 'journal entry % has % leg(s); at least two are required', new.entry_id, legs;
    end if;
    select currency, sum(amount_minor) as total into unbalanced
      from journal_legs where entry_id = new.entry_id
     group by currency having sum(amount_minor) <> 0 limit 1;
    if found then
        raise exception 'journal entry % does not balance in %: off by %', new.entry_id, unbalanced.currency,
            unbalanced.total;
    end if;
    return null;
end $$;

create constraint trigger journal_entry_balances after insert on journal_legs
    deferrable initially deferred for each row execute function journal_entry_balances();

-- the journal is append-only
create function journal_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the journal is append-only: post a reversing entry instead';
end $$;
create trigger journal_entries_append_only before update or delete on journal_entries
    for each row execute function journal_is_append_only();
create trigger journal_legs_append_only before update or delete on journal_legs
    for each row execute function journal_is_append_only();

create table ledger_checks (
    id         bigint generated always as identity primary key,
    checked_at timestamptz not null,
    ok         boolean     not null,
    report     text        not null
);
