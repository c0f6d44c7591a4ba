package org.maecenas.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.maecenas.ledger.LedgerAccounts;
import org.maecenas.money.Money;
import org.maecenas.payments.GatewayTransaction;
import org.maecenas.payments.PaymentGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compares the gateway's own record of money moved (Stripe's balance transactions, the sandbox's
 * books) with our payment attempts, refunds, disputes and ledger, both ways, and keeps every
 * mismatch for operators. Gateway records are read with a day's margin on each side, so a charge
 * made just before midnight and recorded just after is not a mismatch.
 */
@Service
public class Reconciliation {

    static final Duration MARGIN = Duration.ofDays(1);

    private final PaymentGateway gateway;
    private final JdbcClient jdbc;
    private final BillingProperties properties;
    private final Clock clock;

    Reconciliation(PaymentGateway gateway, JdbcClient jdbc, BillingProperties properties, Clock clock) {
        this.gateway = gateway;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A difference between the gateway's books and ours. */
    public record Mismatch(String kind, String reference, String detail) {}

    /** One comparison and what it found. */
    public record Run(
            long id, Instant from, Instant to, Instant ranAt, int gatewayTransactions, List<Mismatch> mismatches) {}

    /** Reconciles yesterday (in the billing time zone). */
    public Run yesterday() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), properties.timeZone());
        return run(
                today.minusDays(1).atStartOfDay(properties.timeZone()).toInstant(),
                today.atStartOfDay(properties.timeZone()).toInstant());
    }

    /** Reconciles what our books say happened in {@code [from, to)}. */
    @Transactional
    public Run run(Instant from, Instant to) {
        List<GatewayTransaction> books = gateway.transactions(from.minus(MARGIN), to.plus(MARGIN));
        List<Mismatch> found = new ArrayList<>();
        Map<String, GatewayTransaction> charges = new HashMap<>();
        Map<String, Long> refundedAtGateway = new HashMap<>();
        Map<String, GatewayTransaction> withdrawals = new HashMap<>();
        Map<String, GatewayTransaction> reinstatements = new HashMap<>();
        int inPeriod = 0;
        for (GatewayTransaction t : books) {
            boolean ours = !t.at().isBefore(from) && t.at().isBefore(to);
            inPeriod += ours ? 1 : 0;
            switch (t.type()) {
                case CHARGE -> charges.put(t.chargeId(), t);
                case REFUND -> refundedAtGateway.merge(t.sourceId(), -t.amount().minor(), Long::sum);
                case DISPUTE_WITHDRAWAL -> withdrawals.put(t.sourceId(), t);
                case DISPUTE_REINSTATEMENT -> reinstatements.put(t.sourceId(), t);
                default -> {}
            }
            if (ours) {
                found.addAll(ourSideOf(t));
            }
        }
        found.addAll(chargesMissingAtGateway(from, to, charges));
        found.addAll(refundsMissingAtGateway(from, to, refundedAtGateway));
        found.addAll(disputesMissingAtGateway(from, to, withdrawals, reinstatements));
        return save(from, to, inPeriod, found);
    }

    public List<Run> recent(int limit) {
        List<Run> runs = jdbc.sql("""
                        select id, period_from, period_to, ran_at, gateway_transactions from reconciliation_runs
                         where gateway = :g order by id desc limit :n
                        """)
                .param("g", gateway.name())
                .param("n", limit)
                .query((rs, n) -> new Run(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(),
                        rs.getInt(5),
                        new ArrayList<>()))
                .list();
        for (Run run : runs) {
            run.mismatches()
                    .addAll(jdbc.sql("""
                            select kind, reference, detail from reconciliation_mismatches where run_id = :r order by id
                            limit 500
                            """)
                            .param("r", run.id())
                            .query((rs, n) -> new Mismatch(rs.getString(1), rs.getString(2), rs.getString(3)))
                            .list());
        }
        return runs;
    }

    /** Does our side know this gateway movement, with the same amounts? */
    private List<Mismatch> ourSideOf(GatewayTransaction t) {
        return switch (t.type()) {
            case CHARGE -> chargeKnown(t);
            case REFUND -> refundKnown(t);
            case DISPUTE_WITHDRAWAL -> disputeKnown(t, false);
            case DISPUTE_REINSTATEMENT -> disputeKnown(t, true);
            default -> List.of();
        };
    }

    private List<Mismatch> chargeKnown(GatewayTransaction t) {
        record Ours(long id, String status, Long settled, Long fee, Long clearing) {}
        List<Ours> attempts = jdbc.sql("""
                        select a.id, a.status, a.settled_minor, a.fee_minor,
                               (select cast(sum(l.amount_minor) as bigint)
                                  from journal_entries e join journal_legs l on l.entry_id = e.id
                                 where e.reference = 'settle-' || a.id and l.account = :clearing)
                          from payment_attempts a where a.gateway = :g and a.gateway_charge_id = :charge
                        """)
                .param("clearing", LedgerAccounts.gatewayClearing(gateway.name()))
                .param("g", gateway.name())
                .param("charge", t.chargeId())
                .query((rs, n) ->
                        new Ours(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), (Long) rs.getObject(4), (Long)
                                rs.getObject(5)))
                .list();
        if (attempts.isEmpty()) {
            return List.of(new Mismatch(
                    "CHARGE_UNKNOWN_TO_US",
                    t.chargeId(),
                    "The gateway charged " + t.amount().display()
                            + " and no payment attempt of ours has this charge."));
        }
        Ours ours = attempts.getFirst();
        List<Mismatch> found = new ArrayList<>();
        if (!"SUCCEEDED".equals(ours.status())) {
            found.add(new Mismatch(
                    "CHARGE_NOT_SUCCEEDED",
                    t.chargeId(),
                    "The gateway charged " + t.amount().display() + " but attempt " + ours.id() + " is " + ours.status()
                            + "."));
            return found;
        }
        if (ours.settled() == null || ours.settled() != t.amount().minor()) {
            found.add(new Mismatch(
                    "AMOUNT_DIFFERS",
                    t.chargeId(),
                    "The gateway settled " + t.amount().display() + "; attempt " + ours.id() + " recorded "
                            + money(ours.settled(), t.amount()) + "."));
        }
        if (ours.fee() == null || ours.fee() != t.fee().minor()) {
            found.add(new Mismatch(
                    "FEE_DIFFERS",
                    t.chargeId(),
                    "The gateway's fee is " + t.fee().display() + "; attempt " + ours.id() + " recorded "
                            + money(ours.fee(), t.fee()) + "."));
        }
        long expectedClearing = t.amount().minor() - t.fee().minor();
        if (ours.clearing() == null || ours.clearing() != expectedClearing) {
            found.add(new Mismatch(
                    "LEDGER_DIFFERS",
                    t.chargeId(),
                    "The ledger's settlement of attempt " + ours.id()
                            + " puts " + money(ours.clearing(), t.amount()) + " in gateway clearing; the gateway holds "
                            + Money.of(expectedClearing, t.amount().currency().getCurrencyCode())
                                    .display() + "."));
        }
        return found;
    }

    private List<Mismatch> refundKnown(GatewayTransaction t) {
        long ours =
                jdbc.sql("""
                        select coalesce(sum(r.amount_minor), 0) from refunds r
                         where r.gateway_refund_id = :refund and r.status = 'SUCCEEDED'
                           and exists (select 1 from journal_entries e where e.reference = 'refund-' || r.id)
                        """).param("refund", t.sourceId()).query(Long.class).single();
        if (ours != -t.amount().minor()) {
            return List.of(new Mismatch(
                    "REFUND_DIFFERS",
                    String.valueOf(t.sourceId()),
                    "The gateway refunded "
                            + t.amount().negate().display() + " of " + t.chargeId() + "; our books show "
                            + Money.of(ours, t.amount().currency().getCurrencyCode())
                                    .display() + "."));
        }
        return List.of();
    }

    private List<Mismatch> disputeKnown(GatewayTransaction t, boolean reinstated) {
        List<String> status = jdbc.sql("select status from disputes where gateway = :g and dispute_id = :d")
                .param("g", gateway.name())
                .param("d", t.sourceId())
                .query(String.class)
                .list();
        if (status.isEmpty()) {
            return List.of(new Mismatch(
                    "DISPUTE_UNKNOWN_TO_US",
                    String.valueOf(t.sourceId()),
                    "The gateway withdrew " + t.amount().negate().display() + " for a dispute over " + t.chargeId()
                            + " that our books don't have."));
        }
        if (reinstated && !"WON".equals(status.getFirst())) {
            return List.of(new Mismatch(
                    "DISPUTE_STATUS_DIFFERS",
                    String.valueOf(t.sourceId()),
                    "The gateway returned the disputed amount, but our dispute is " + status.getFirst() + "."));
        }
        return List.of();
    }

    private List<Mismatch> chargesMissingAtGateway(Instant from, Instant to, Map<String, GatewayTransaction> charges) {
        List<Mismatch> found = new ArrayList<>();
        jdbc.sql("""
                        select id, gateway_charge_id, settled_minor, currency from payment_attempts
                         where gateway = :g and status = 'SUCCEEDED' and resolved_at >= :from and resolved_at < :to
                        """)
                .param("g", gateway.name())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> {
                    String charge = rs.getString(2);
                    if (charge == null || !charges.containsKey(charge)) {
                        found.add(new Mismatch(
                                "CHARGE_MISSING_AT_GATEWAY",
                                charge == null ? "attempt " + rs.getLong(1) : charge,
                                "Attempt " + rs.getLong(1) + " succeeded for "
                                        + Money.of(rs.getLong(3), rs.getString(4))
                                                .display()
                                        + " but the gateway has no such charge."));
                    }
                    return null;
                })
                .list();
        return found;
    }

    private List<Mismatch> refundsMissingAtGateway(Instant from, Instant to, Map<String, Long> refunded) {
        List<Mismatch> found = new ArrayList<>();
        jdbc.sql("""
                        select gateway_refund_id, sum(amount_minor), min(currency) from refunds r
                         where status = 'SUCCEEDED' and resolved_at >= :from and resolved_at < :to
                           and exists (select 1 from payment_attempts a where a.id = r.attempt_id and a.gateway = :g)
                         group by gateway_refund_id
                        """)
                .param("g", gateway.name())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> {
                    String refund = rs.getString(1);
                    if (!refunded.containsKey(refund)) {
                        found.add(new Mismatch(
                                "REFUND_MISSING_AT_GATEWAY",
                                refund,
                                "We recorded a refund of "
                                        + Money.of(rs.getLong(2), rs.getString(3))
                                                .display() + " the gateway has no record of."));
                    }
                    return null;
                })
                .list();
        return found;
    }

    private List<Mismatch> disputesMissingAtGateway(
            Instant from,
            Instant to,
            Map<String, GatewayTransaction> withdrawals,
            Map<String, GatewayTransaction> reinstatements) {
        List<Mismatch> found = new ArrayList<>();
        jdbc.sql("""
                        select dispute_id, status, opened_at, closed_at from disputes
                         where gateway = :g and ((opened_at >= :from and opened_at < :to)
                                                 or (status = 'WON' and closed_at >= :from and closed_at < :to))
                        """)
                .param("g", gateway.name())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> {
                    String id = rs.getString(1);
                    Instant opened = rs.getTimestamp(3).toInstant();
                    if (!opened.isBefore(from) && opened.isBefore(to) && !withdrawals.containsKey(id)) {
                        found.add(new Mismatch(
                                "DISPUTE_MISSING_AT_GATEWAY",
                                id,
                                "We hold a dispute the gateway withdrew nothing for."));
                    }
                    if ("WON".equals(rs.getString(2)) && !reinstatements.containsKey(id)) {
                        Instant closed = rs.getTimestamp(4).toInstant();
                        if (!closed.isBefore(from) && closed.isBefore(to)) {
                            found.add(new Mismatch(
                                    "DISPUTE_STATUS_DIFFERS",
                                    id,
                                    "We released a won dispute the gateway has not returned money for."));
                        }
                    }
                    return null;
                })
                .list();
        return found;
    }

    private Run save(Instant from, Instant to, int transactions, List<Mismatch> found) {
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into reconciliation_runs (gateway, period_from, period_to, ran_at, gateway_transactions,
                               mismatches)
                        values (:g, :from, :to, :now, :t, :m) returning id
                        """)
                .param("g", gateway.name())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("now", Timestamp.from(now))
                .param("t", transactions)
                .param("m", found.size())
                .query(Long.class)
                .single();
        for (Mismatch m : found) {
            jdbc.sql(
                            "insert into reconciliation_mismatches (run_id, kind, reference, detail) values (:r, :k, :ref, :d)")
                    .param("r", id)
                    .param("k", m.kind())
                    .param("ref", m.reference())
                    .param("d", m.detail())
                    .update();
        }
        return new Run(id, from, to, now, transactions, List.copyOf(found));
    }

    private static String money(Long minor, Money like) {
        return minor == null ? "nothing" : new Money(minor, like.currency()).display();
    }
}
