package org.maecenas.billing.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Billing runs and their plans. */
@Repository
public class RunRepository {

    /** A billing day's run. */
    public record Run(
            long id,
            LocalDate billingDate,
            Instant snapshotAt,
            String stage,
            int shards,
            int planned,
            int invoiced,
            int charged,
            Instant startedAt,
            @Nullable Instant finishedAt) {

        public int percent() {
            int steps = Math.max(1, planned * 2);
            return "DONE".equals(stage) ? 100 : Math.min(99, (invoiced + charged) * 100 / steps);
        }
    }

    /** A patron and currency due on a run. */
    public record PlanItem(long patron, String currency) {}

    private static final String SELECT = """
            select id, billing_date, snapshot_at, stage, shards, planned, invoiced, charged, started_at, finished_at
              from billing_runs
            """;

    private final JdbcClient jdbc;

    RunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts the run of a day, or returns the one that exists (whoever inserted first wins). */
    public Run startOrGet(LocalDate date, Instant now, int shards) {
        jdbc.sql("""
                        insert into billing_runs (billing_date, snapshot_at, stage, shards, started_at)
                        values (:date, :now, 'PLANNING', :shards, :now) on conflict (billing_date) do nothing
                        """)
                .param("date", Date.valueOf(date))
                .param("now", Timestamp.from(now))
                .param("shards", shards)
                .update();
        return find(date).orElseThrow();
    }

    public Optional<Run> find(LocalDate date) {
        return jdbc.sql(SELECT + " where billing_date = :date")
                .param("date", Date.valueOf(date))
                .query(RunRepository::run)
                .optional();
    }

    /** The run, its row locked until the transaction ends. */
    public Run lock(long id) {
        return jdbc.sql(SELECT + " where id = :id for update")
                .param("id", id)
                .query(RunRepository::run)
                .single();
    }

    public Optional<Run> find(long id) {
        return jdbc.sql(SELECT + " where id = :id")
                .param("id", id)
                .query(RunRepository::run)
                .optional();
    }

    public List<Run> latest(int limit) {
        return jdbc.sql(SELECT + " order by billing_date desc limit :limit")
                .param("limit", limit)
                .query(RunRepository::run)
                .list();
    }

    public void stage(long run, String from, String to) {
        jdbc.sql("update billing_runs set stage = :to where id = :id and stage = :from")
                .param("to", to)
                .param("from", from)
                .param("id", run)
                .update();
    }

    public void finish(long run, Instant now) {
        jdbc.sql("update billing_runs set stage = 'DONE', finished_at = :now where id = :id and stage <> 'DONE'")
                .param("now", Timestamp.from(now))
                .param("id", run)
                .update();
    }

    /**
     * The plan: every patron and currency with something due at the run's snapshot — per-creation
     * accruals from earlier months, and monthly/annual renewals due on or before the day — written
     * as the chunks of {@code chunkSize} patrons that workers take, each shard's in patron order.
     */
    public int plan(Run run, LocalDate monthStart, int chunkSize) {
        jdbc.sql("""
                        insert into billing_plan_chunks (run_id, shard, chunk, patrons, currencies)
                        select :run, shard, chunk, array_agg(patron order by patron, currency),
                               array_agg(currency order by patron, currency)
                          from (select patron, currency, shard,
                                       (row_number() over (partition by shard order by patron, currency) - 1) / :size
                                           as chunk
                                  from (select patron, currency, mod(patron, :shards) as shard from (
                                            select patron_user_id as patron, currency from accruals
                                             where status = 'PENDING' and accrual_month < :month
                                               and accrued_at <= :snapshot
                                            union
                                            select patron_user_id, currency from memberships
                                             where status = 'ACTIVE' and cadence in ('MONTHLY', 'ANNUAL')
                                               and next_charge_on <= :date and created_at <= :snapshot
                                        ) due) sharded) numbered
                         group by shard, chunk
                        """)
                .param("run", run.id())
                .param("shards", run.shards())
                .param("size", Math.max(1, chunkSize))
                .param("month", Date.valueOf(monthStart))
                .param("snapshot", Timestamp.from(run.snapshotAt()))
                .param("date", Date.valueOf(run.billingDate()))
                .update();
        return jdbc.sql("""
                        update billing_runs set planned = (
                            select coalesce(sum(cardinality(patrons)), 0) from billing_plan_chunks where run_id = :id)
                         where id = :id returning planned
                        """).param("id", run.id()).query(Integer.class).single();
    }

    /** A chunk of a shard's plan: its number, and its patrons and currencies in patron order. */
    public record PlanChunk(int number, List<PlanItem> items) {}

    /**
     * Takes the shard's next chunk after chunk {@code after} (-1: from the first) out of the plan: the
     * chunks left are the ones not yet invoiced. Run in the transaction that invoices it, so a
     * rollback puts it back; another node skips the chunks this one holds. The row is deleted by its
     * physical address, which the lock keeps from changing.
     */
    public Optional<PlanChunk> takeChunk(long run, int shard, int after) {
        return jdbc.sql("""
                        with picked as materialized (
                            select ctid from billing_plan_chunks
                             where run_id = :run and shard = :shard and chunk > :after
                             order by chunk limit 1 for update skip locked)
                        delete from billing_plan_chunks where ctid = any(array(select ctid from picked))
                        returning chunk, patrons, currencies
                        """)
                .param("run", run)
                .param("shard", shard)
                .param("after", after)
                .query((rs, n) -> {
                    Long[] patrons = (Long[]) rs.getArray("patrons").getArray();
                    String[] currencies = (String[]) rs.getArray("currencies").getArray();
                    List<PlanItem> items = new ArrayList<>(patrons.length);
                    for (int i = 0; i < patrons.length; i++) {
                        items.add(new PlanItem(patrons[i], currencies[i]));
                    }
                    return new PlanChunk(rs.getInt("chunk"), List.copyOf(items));
                })
                .optional();
    }

    /**
     * Progress while the day runs: {@code n} more plan items invoiced. Called after the chunk's
     * commit, in a transaction of its own: the run's row is every worker's, and a chunk holding its
     * lock would make the others wait for it. A crash in between leaves the count short, until
     * {@link #recount} at the end of the day.
     */
    public void countInvoiced(long run, int n) {
        jdbc.sql("update billing_runs set invoiced = invoiced + :n where id = :id and stage <> 'DONE'")
                .param("n", n)
                .param("id", run)
                .update();
    }

    /** Progress while the day runs: {@code n} more invoices went to the gateway (as {@link #countInvoiced}). */
    public void countCharged(long run, int n) {
        jdbc.sql("update billing_runs set charged = charged + :n where id = :id and stage <> 'DONE'")
                .param("n", n)
                .param("id", run)
                .update();
    }

    /**
     * The exact counts, when the day is done: plan items invoiced, and invoices of the run that went
     * to the gateway — also those a crash kept from being counted, and none twice.
     */
    public void recount(long run) {
        jdbc.sql("""
                        update billing_runs
                           set invoiced = planned - (
                            select coalesce(sum(cardinality(patrons)), 0) from billing_plan_chunks where run_id = :id),
                               charged = (
                            select count(*) from invoices i where i.run_id = :id and exists (
                                select 1 from payment_attempts a
                                 where a.invoice_id = i.id and a.decline_code is distinct from 'not_received'))
                         where id = :id
                        """).param("id", run).update();
    }

    public boolean allInvoiced(long run) {
        return !jdbc.sql("select exists (select 1 from billing_plan_chunks where run_id = :run)")
                .param("run", run)
                .query(Boolean.class)
                .single();
    }

    public void park(@Nullable Long run, @Nullable Long patron, @Nullable Long membership, String reason, Instant now) {
        jdbc.sql("""
                        insert into billing_parked (run_id, patron_user_id, membership_id, reason, parked_at)
                        values (:run, :patron, :membership, :reason, :now)
                        """)
                .param("run", run)
                .param("patron", patron)
                .param("membership", membership)
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .update();
    }

    public List<String> parked(int limit) {
        return jdbc.sql("""
                        select parked_at, run_id, patron_user_id, membership_id, reason from billing_parked
                         where resolved_at is null order by id desc limit :limit
                        """)
                .param("limit", limit)
                .query((rs, n) -> rs.getTimestamp(1).toInstant() + " · run " + rs.getObject(2) + " · patron "
                        + rs.getObject(3) + " · membership " + rs.getObject(4) + " · " + rs.getString(5))
                .list();
    }

    static Run run(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Run(
                rs.getLong("id"),
                rs.getDate("billing_date").toLocalDate(),
                rs.getTimestamp("snapshot_at").toInstant(),
                rs.getString("stage"),
                rs.getInt("shards"),
                rs.getInt("planned"),
                rs.getInt("invoiced"),
                rs.getInt("charged"),
                rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
