-- The balance check moves from a deferred per-row trigger (a query per leg at commit: the bottleneck
-- at millions of legs) to one check per statement over the legs it inserted (a transition table).
-- An entry's legs are inserted by one statement; the database refuses a statement that leaves any
-- entry it touches unbalanced in a currency or with fewer than two legs. Since every statement adds
-- legs that sum to zero per entry and currency, every entry always does.
drop trigger journal_entry_balances on journal_legs;
drop function journal_entry_balances();

create function journal_legs_balance() returns trigger language plpgsql as $$
declare
    unbalanced record;
begin
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

-- the billing day's untried invoices of a run, in order: a chunk is the next few hundred of these
create index invoices_untried on invoices (run_id, id)
    where status = 'OPEN' and failures = 0 and next_attempt_at is not null;
