-- A day's plan is written as the chunks its workers take, not as a row per patron: a row holds a
-- shard's next patrons and currencies (maecenas.billing.chunk-size of them), in patron order.
-- Planning a day of a million pledges wrote 654,226 rows and index entries, and each chunk then found
-- and deleted a thousand of them (10 s of the day); now it writes and deletes one row per chunk. A chunk is taken out of the
-- plan in the transaction that invoices it, as before, so a rollback puts it back.
create table billing_plan_chunks (
    run_id     bigint             not null,
    shard      int                not null,
    chunk      int                not null,
    patrons    bigint[]           not null,
    currencies char(3)[] collate "C" not null,
    primary key (run_id, shard, chunk),
    check (cardinality(patrons) >= 1 and cardinality(patrons) = cardinality(currencies))
);

-- A day being billed while this runs keeps what it had left, a thousand plan items to a chunk. The
-- lock waits for a node still planning or invoicing from the old table to commit, so its rows are
-- copied as they end up (and such a node stops at its next chunk: stop billing to upgrade).
lock table billing_plan in access exclusive mode;
insert into billing_plan_chunks (run_id, shard, chunk, patrons, currencies)
select run_id, shard, n / 1000,
       array_agg(patron_user_id order by patron_user_id, currency),
       array_agg(currency order by patron_user_id, currency)
  from (select run_id, shard, patron_user_id, currency,
               row_number() over (partition by run_id, shard order by patron_user_id, currency) - 1 as n
          from billing_plan) items
 group by run_id, shard, n / 1000;

drop table billing_plan;
