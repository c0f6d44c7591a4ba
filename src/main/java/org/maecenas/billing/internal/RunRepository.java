package org.maecenas.billing.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
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
     * accruals from earlier months, and monthly/annual renewals due on or before the day.
     */
    public int plan(Run run, LocalDate monthStart) {
        int planned = jdbc.sql("""
                        insert into billing_plan (run_id, patron_user_id, currency, shard)
                        select :run, patron, currency, mod(patron, :shards) from (
                            select patron_user_id as patron, currency from accruals
                             where status = 'PENDING' and accrual_month < :month and accrued_at <= :snapshot
                            union
                            select patron_user_id, currency from memberships
                             where status = 'ACTIVE' and cadence in ('MONTHLY', 'ANNUAL') and next_charge_on <= :date
                               and created_at <= :snapshot
                        ) due
                        on conflict do nothing
                        """)
                .param("run", run.id())
                .param("shards", run.shards())
                .param("month", Date.valueOf(monthStart))
                .param("snapshot", Timestamp.from(run.snapshotAt()))
                .param("date", Date.valueOf(run.billingDate()))
                .update();
        jdbc.sql(
                        "update billing_runs set planned = (select count(*) from billing_plan where run_id = :id) where id = :id")
                .param("id", run.id())
                .update();
        return planned;
    }

    /**
     * Takes up to {@code limit} plan items of a shard after {@code after} (null: from the first), in
     * patron order, out of the plan: the items left are the ones not yet invoiced. Run in the
     * transaction that invoices them, so a rollback puts them back; another node skips the rows this
     * one holds. The rows are deleted by their physical address, which the lock keeps from changing.
     */
    public List<PlanItem> takeChunk(long run, int shard, @Nullable PlanItem after, int limit) {
        List<PlanItem> taken = new ArrayList<>(jdbc.sql("""
                        with picked as materialized (
                            select ctid from billing_plan
                             where run_id = :run and shard = :shard
                               and (patron_user_id, currency) > (:patron, cast(:currency as char(3)))
                             order by patron_user_id, currency limit :limit for update skip locked)
                        delete from billing_plan where ctid = any(array(select ctid from picked))
                        returning patron_user_id, currency
                        """)
                .param("run", run)
                .param("shard", shard)
                .param("patron", after == null ? Long.MIN_VALUE : after.patron())
                .param("currency", after == null ? "" : after.currency())
                .param("limit", limit)
                .query((rs, n) -> new PlanItem(rs.getLong(1), rs.getString(2)))
                .list());
        taken.sort(Comparator.comparingLong(PlanItem::patron).thenComparing(PlanItem::currency));
        return taken;
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
                           set invoiced = planned - (select count(*) from billing_plan where run_id = :id),
                               charged = (
                            select count(*) from invoices i where i.run_id = :id and exists (
                                select 1 from payment_attempts a
                                 where a.invoice_id = i.id and a.decline_code is distinct from 'not_received'))
                         where id = :id
                        """).param("id", run).update();
    }

    public boolean allInvoiced(long run) {
        return !jdbc.sql("select exists (select 1 from billing_plan where run_id = :run)")
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
