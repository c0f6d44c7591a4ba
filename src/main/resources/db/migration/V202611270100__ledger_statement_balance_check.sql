-- The balance check moves from a deferred per-row trigger (a query per leg at commit: the bottleneck
-- at millions of legs) to one check per statement over the legs it inserted (a transition table).
-- An entry's legs are inserted by one statement; the database refuses a statement that leaves any
-- entry it touches unbalanced in a currency or with fewer than two legs. Since every statement adds
-- legs that sum to zero per entry and currency, every entry always does.
--
-- The same check makes sure each leg's entry exists. The foreign key did that a leg at a time (an
-- index probe and a lock on the entry's row for every leg: about as much work as inserting the leg);
-- entries are never updated, deleted or truncated, so an entry a leg names stays there.
drop trigger journal_entry_balances on journal_legs;
drop function journal_entry_balances();
alter table journal_legs drop constraint journal_legs_entry_id_fkey;

create function journal_legs_balance() returns trigger language plpgsql as $$
declare
    unbalanced record;
begin
    select n.entry_id into unbalanced
      from (select distinct entry_id from new_legs) n
     where not exists (select 1 from journal_entries e where e.id = n.entry_id) limit 1;
    if found then
        raise exception 'journal entry % does not exist', unbalanced.entry_id
            using errcode = 'foreign_key_violation';
    end if;
    select entry_id, count(*) as legs into unbalanced
      from new_legs group by entry_id having count(*) < 2 limit 1;
    if found then
        raise exception 'journal entry % has % leg(s); at least two are required, inserted together',
            unbalanced.entry_id, unbalanced.legs;
    end if;
    select entry_id, currency, sum(amount_minor) as total into unbalanced
      from new_legs group by entry_id, currency having sum(amount_minor) <> 0 limit 1;
    if found then
        raise exception 'journal entry % does not balance in %: off by %', unbalanced.entry_id,
            unbalanced.currency, unbalanced.total;
    end if;
    return null;
end $$;

create trigger journal_legs_balance after insert on journal_legs
    referencing new table as new_legs for each statement execute function journal_legs_balance();

create trigger journal_entries_not_truncated before truncate on journal_entries
    for each statement execute function journal_is_append_only();
create trigger journal_legs_not_truncated before truncate on journal_legs
    for each statement execute function journal_is_append_only();

-- The open, never-declined invoices of a run, in order, whether or not an attempt is in flight: a
-- chunk of the billing day takes the next due ones, and the end of the day asks whether any was
-- never tried, without reading every invoice of the run.
create index invoices_untried on invoices (run_id, id) where status = 'OPEN' and failures = 0;
