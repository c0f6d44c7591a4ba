package org.maecenas.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks every money invariant of DESIGN.md section 3 against the database and records the result.
 * Run daily by a task, on demand from {@code /admin/ledger}, and by
 * {@code java -jar maecenas.jar ledger verify}.
 */
@Service
public class InvariantCheck {

    /** The outcome: each failed invariant with up to a few examples. */
    public record Report(boolean ok, List<String> failures, int checks) {

        public String text() {
            return ok
                    ? "All " + checks + " ledger invariants hold."
                    : failures.size() + " of " + checks + " invariants failed:\n - " + String.join("\n - ", failures);
        }
    }

    private record Invariant(String name, String sql) {}

    private static final List<Invariant> INVARIANTS = List.of(
            new Invariant("every journal entry sums to zero per currency", """
                    select 'entry ' || entry_id || ' off by ' || sum(amount_minor) || ' ' || currency
                      from journal_legs group by entry_id, currency having sum(amount_minor) <> 0
                    """),
            new Invariant("every journal entry has at least two legs", """
                    select 'entry ' || e.id || ' has ' || count(l.id) || ' leg(s)'
                      from journal_entries e left join journal_legs l on l.entry_id = e.id
                     group by e.id having count(l.id) < 2
                    """),
            new Invariant("an invoice is paid at most once", """
                    select 'invoice ' || invoice_id || ' has ' || count(*) || ' successful attempts'
                      from payment_attempts where status = 'SUCCEEDED' group by invoice_id having count(*) > 1
                    """),
            new Invariant("a paid invoice has exactly one successful attempt, and only paid ones have one", """
                    select 'invoice ' || i.id || ' is ' || i.status || ' with ' || count(a.id) || ' successful attempts'
                      from invoices i left join payment_attempts a on a.invoice_id = i.id and a.status = 'SUCCEEDED'
                     group by i.id, i.status
                    having (i.status = 'PAID') <> (count(a.id) = 1)
                    """),
            new Invariant("an invoice's total is the sum of its lines", """
                    select 'invoice ' || i.id || ' total ' || i.total_minor || ' but lines ' || coalesce(sum(l.amount_minor), 0)
                      from invoices i left join invoice_lines l on l.invoice_id = i.id
                     group by i.id, i.total_minor having i.total_minor <> coalesce(sum(l.amount_minor), 0)
                    """),
            new Invariant("an invoiced accrual belongs to exactly one line whose amount covers it", """
                    select 'line ' || l.id || ' bills ' || l.amount_minor || ' for accruals of ' || sum(a.amount_minor)
                      from invoice_lines l join accruals a on a.invoice_line_id = l.id
                     where l.kind = 'CREATIONS'
                     group by l.id, l.amount_minor having l.amount_minor <> sum(a.amount_minor)
                    """),
            new Invariant("no accrual is lost: pending ones are not for deleted posts", """
                    select 'accrual of membership ' || a.membership_id || ' is pending for deleted post ' || a.post_id
                      from accruals a join posts p on p.id = a.post_id
                     where a.status = 'PENDING' and p.deleted_at is not null
                    """),
            new Invariant("every accrual's membership (with its campaign and patron) and post exist", """
                    select 'accrual of campaign ' || a.campaign_id || ' names membership ' || a.membership_id || ' and post ' || a.post_id
                      from accruals a
                      left join memberships m on m.id = a.membership_id and m.campaign_id = a.campaign_id
                                             and m.patron_user_id = a.patron_user_id
                      left join posts p on p.id = a.post_id and p.campaign_id = a.campaign_id
                     where m.id is null or p.id is null
                    """),
            new Invariant("every invoice line's invoice and membership (of the line's campaign) exist", """
                    select 'line ' || l.id || ' names invoice ' || l.invoice_id || ' and membership ' || l.membership_id
                      from invoice_lines l
                      left join invoices i on i.id = l.invoice_id
                      left join memberships m on m.id = l.membership_id and m.campaign_id = l.campaign_id
                     where i.id is null or m.id is null
                    """),
            new Invariant("every payment attempt's invoice, invoiced accrual's line and plan chunk's run exist", """
                    select 'attempt ' || a.id || ' names invoice ' || a.invoice_id
                      from payment_attempts a left join invoices i on i.id = a.invoice_id where i.id is null
                    union all
                    select 'accrual of membership ' || a.membership_id || ' for post ' || a.post_id || ' names line ' || a.invoice_line_id
                      from accruals a left join invoice_lines l on l.id = a.invoice_line_id
                     where a.invoice_line_id is not null and l.id is null
                    union all
                    select 'plan chunk ' || p.chunk || ' of shard ' || p.shard || ' names run ' || p.run_id
                      from billing_plan_chunks p left join billing_runs r on r.id = p.run_id where r.id is null
                    """),
            new Invariant("every invoice's patron exists, and its card, when it names one, is the patron's", """
                    select 'invoice ' || i.id || ' names patron ' || i.patron_user_id || ' and card '
                           || coalesce(cast(i.payment_method_id as text), 'none')
                      from invoices i
                      left join users u on u.id = i.patron_user_id
                      left join payment_methods p on p.id = i.payment_method_id and p.user_id = i.patron_user_id
                     where u.id is null or (i.payment_method_id is not null and p.id is null)
                    """),
            new Invariant("every paid invoice is settled in the ledger exactly once", """
                    select 'attempt ' || a.id || ' succeeded with ' || count(e.id) || ' settlement entries'
                      from payment_attempts a left join journal_entries e on e.reference = 'settle-' || a.id
                     where a.status = 'SUCCEEDED' group by a.id having count(e.id) <> 1
                    """),
            new Invariant("every gateway charge id appears in exactly one payment attempt", """
                    select 'charge ' || gateway_charge_id || ' is on ' || count(*) || ' attempts'
                      from payment_attempts where gateway_charge_id is not null
                     group by gateway, gateway_charge_id having count(*) > 1
                    """),
            new Invariant("every successful sandbox charge is recorded on its attempt", """
                    select 'sandbox charge ' || s.charge_id || ' (key ' || s.idempotency_key || ') is not on a succeeded attempt'
                      from sandbox_charges s left join payment_attempts a
                        on a.idempotency_key = s.idempotency_key and a.gateway = 'sandbox'
                     where s.outcome = 'SUCCEEDED' and (a.id is null or a.status not in ('SUCCEEDED', 'PENDING', 'UNKNOWN')
                           or (a.status = 'SUCCEEDED' and a.gateway_charge_id <> s.charge_id))
                    """),
            new Invariant("every payout has its request entry, and a paid or failed one its closing entry", """
                    select 'payout ' || p.id || ' is ' || p.status || ' with ledger entries '
                           || coalesce(string_agg(e.kind, ',' order by e.id), 'none')
                      from payouts p left join journal_entries e
                        on e.reference in (p.idempotency_key, 'payout-paid-' || p.id, 'payout-failed-' || p.id)
                     group by p.id, p.status
                    having count(e.id) filter (where e.kind = 'PAYOUT') <> 1
                        or (count(e.id) filter (where e.kind = 'PAYOUT_PAID') = 1) <> (p.status = 'PAID')
                        or (count(e.id) filter (where e.kind = 'PAYOUT_FAILED') = 1) <> (p.status = 'FAILED')
                    """),
            new Invariant("payouts in transit are the payouts requested or sent and not yet paid or failed", """
                    with ledger as (
                        select currency, -sum(amount_minor) as amount from journal_legs
                         where account = 'payouts-in-transit' group by currency),
                    open as (
                        select currency, sum(amount_minor) as amount from payouts
                         where status in ('REQUESTED', 'SENT') group by currency)
                    select 'in transit ' || coalesce(l.amount, 0) || ' ' || coalesce(l.currency, o.currency)
                           || ' but open payouts ' || coalesce(o.amount, 0)
                      from ledger l full join open o on o.currency = l.currency
                     where coalesce(l.amount, 0) <> coalesce(o.amount, 0)
                    """),
            new Invariant("a creator's balance equals the settled nets (minus refunds, chargebacks and payouts)", """
                    with expected as (
                        select l.campaign_id, i.currency, sum(l.amount_minor) as gross
                          from invoice_lines l join invoices i on i.id = l.invoice_id where i.status = 'PAID'
                         group by l.campaign_id, i.currency),
                    booked as (
                        select cast(substring(g.account from 'creator-balance:(\\d+)') as bigint) as campaign_id,
                               g.currency, -sum(g.amount_minor) as net
                          from journal_legs g join journal_entries e on e.id = g.entry_id
                         where g.account like 'creator-balance:%' and e.kind = 'SETTLEMENT'
                         group by 1, 2)
                    select 'creator ' || coalesce(x.campaign_id, b.campaign_id) || ' ' || coalesce(x.currency, b.currency)
                           || ': paid lines ' || coalesce(x.gross, 0) || ', settled net ' || coalesce(b.net, 0)
                      from expected x full join booked b on b.campaign_id = x.campaign_id and b.currency = x.currency
                     where coalesce(b.net, 0) > coalesce(x.gross, 0) or (x.gross is not null and b.net is null)
                    """),
            new Invariant("no invoice line is refunded beyond what was paid for it", """
                    select 'line ' || l.id || ' was ' || l.amount_minor || ' and is refunded ' || sum(r.amount_minor)
                      from invoice_lines l join refunds r on r.invoice_line_id = l.id and r.status = 'SUCCEEDED'
                     group by l.id, l.amount_minor having sum(r.amount_minor) > l.amount_minor
                    """),
            new Invariant("every succeeded refund has exactly one refund entry, and no other refund has one", """
                    select 'refund ' || r.id || ' is ' || r.status || ' with ' || count(e.id) || ' refund entries'
                      from refunds r left join journal_entries e on e.reference = 'refund-' || r.id and e.kind = 'REFUND'
                     group by r.id, r.status having count(e.id) <> case when r.status = 'SUCCEEDED' then 1 else 0 end
                    """),
            new Invariant(
                    "every successful sandbox refund is a succeeded refund of ours (or one still being resolved)", """
                    select 'sandbox refund ' || s.refund_id || ' of ' || s.amount_minor || ' is booked as '
                           || coalesce(sum(r.amount_minor), 0)
                      from sandbox_refunds s left join refunds r on r.gateway_refund_id = s.refund_id and r.status = 'SUCCEEDED'
                     where s.outcome = 'SUCCEEDED'
                       and not exists (select 1 from refunds u where u.idempotency_key = s.idempotency_key
                                                                and u.status in ('PENDING', 'UNKNOWN'))
                     group by s.refund_id, s.amount_minor having coalesce(sum(r.amount_minor), 0) <> s.amount_minor
                    """),
            new Invariant("every dispute is held once, and a closed one released or settled once", """
                    select 'dispute ' || d.id || ' (' || d.status || ') has ' || count(e.id) filter (where e.kind = 'DISPUTE_HELD')
                           || ' hold and ' || count(e.id) filter (where e.kind <> 'DISPUTE_HELD') || ' closing entries'
                      from disputes d left join journal_entries e
                        on e.reference in ('dispute-held-' || d.id, 'dispute-closed-' || d.id)
                     group by d.id, d.status
                    having count(e.id) filter (where e.kind = 'DISPUTE_HELD') <> 1
                        or count(e.id) filter (where e.kind <> 'DISPUTE_HELD') <> case when d.status = 'OPEN' then 0 else 1 end
                        or count(e.id) filter (where e.kind = 'DISPUTE_RELEASED') <> case when d.status = 'WON' then 1 else 0 end
                        or count(e.id) filter (where e.kind = 'DISPUTE_LOST') <> case when d.status = 'LOST' then 1 else 0 end
                    """));

    private final JdbcClient jdbc;
    private final Clock clock;

    InvariantCheck(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Report check() {
        List<String> failures = new ArrayList<>();
        for (Invariant invariant : INVARIANTS) {
            List<String> examples = jdbc.sql("select * from (" + invariant.sql() + ") found limit 5")
                    .query(String.class)
                    .list();
            if (!examples.isEmpty()) {
                failures.add(invariant.name() + ": " + String.join("; ", examples));
            }
        }
        return new Report(failures.isEmpty(), failures, INVARIANTS.size());
    }

    /** Checks and keeps the result for the admin page. */
    @Transactional
    public Report checkAndRecord() {
        Report report = check();
        jdbc.sql("insert into ledger_checks (checked_at, ok, report) values (:at, :ok, :report)")
                .param("at", Timestamp.from(clock.instant()))
                .param("ok", report.ok())
                .param("report", report.text())
                .update();
        return report;
    }

    public java.util.Optional<String> lastResult() {
        return jdbc.sql("select checked_at || ': ' || report from ledger_checks order by id desc limit 1")
                .query(String.class)
                .optional();
    }
}
