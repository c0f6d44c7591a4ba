package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.ArmableCrashPoints.SimulatedCrash;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.payouts.Payout;
import org.maecenas.payouts.Payouts;
import org.maecenas.pledges.Cadence;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Kills refunds and payouts at every crash point in turn, then restarts (the refund janitor asks
 * the gateway about refunds in flight; the creator and the operator see what is recorded and do
 * what is not done yet) and checks that no refund is applied twice, nothing is refunded beyond what
 * was paid, no payout debits twice, and every ledger invariant holds.
 *
 * <p>Each round a new patron pays the creator $10.01; the creator refunds $3.00 of it and then the
 * rest; the creator asks for a $10.00 payout that the operator marks paid and an $11.00 one that
 * fails. Every round ends the same way, crashed or not. Runs from 2107 on its own database.
 */
@IsolatedBillingTest
class RefundCrashSimulationTests {

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    MoneyFixtures money;

    @Autowired
    Refunds refunds;

    @Autowired
    Payouts payouts;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    ArmableCrashPoints crashes;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void reset() {
        crashes.disarm();
        clock.reset();
        fixtures.switches().reset();
    }

    @Test
    void refundsAndPayoutsKilledAtAnyCrashPointNeverPayTwice() {
        clock.freezeAt(Instant.parse("2107-01-05T10:00:00Z"));
        Creator creator = fixtures.creator("crash-refunds", "USD", BillingModel.MONTHLY, 0);
        money.platformFee(creator, 750);
        payouts.useBankAccount(creator.campaignId(), "Ada Lovelace", "DE89370400440532013000", "", "", false);
        for (int i = 0; i < 20; i++) { // earnings to pay out from: 20 × $44.50
            User patron = fixtures.patron("crash-refunds-earner-" + i);
            fixtures.join(patron, creator, "50", Cadence.MONTHLY, null, money.card(patron, GOOD_CARD));
        }
        clock.advance(Duration.ofDays(8));

        Round reference = round(creator, 0, 0);
        assertThat(reference.crashedAt()).isNull();
        // after the join: $9.26 out with the refunds of its $10.01 (the platform returns its $0.75), the
        // $10.00 payout out, the failed $11.00 one out and back
        assertThat(reference.outcome())
                .isEqualTo(new Outcome(
                        List.of("300 SUCCEEDED", "701 SUCCEEDED"),
                        List.of("SUCCEEDED 300", "SUCCEEDED 701"),
                        2,
                        List.of("1000 PAID", "1100 FAILED"),
                        Map.of("PAYOUT", 2, "PAYOUT_FAILED", 1, "PAYOUT_PAID", 1),
                        -926 - 1000));
        List<String> points = reference.reached();
        assertThat(points)
                .containsExactly(
                        "refund:row-written",
                        "refund:row-committed",
                        "refund:gateway-answered",
                        "refund:outcome-written",
                        "refund:outcome-committed",
                        "refund:row-written",
                        "refund:row-committed",
                        "refund:gateway-answered",
                        "refund:outcome-written",
                        "refund:outcome-committed",
                        "payout:request-written",
                        "payout:request-committed",
                        "payout:request-written",
                        "payout:request-committed",
                        "payout:paid-written",
                        "payout:failed-written");

        Map<String, Integer> exercised = new TreeMap<>();
        for (int n = 1; n <= points.size(); n++) {
            Round crashed = round(creator, n, n);
            assertThat(crashed.crashedAt()).as("crash point %d", n).isEqualTo(points.get(n - 1));
            assertThat(crashed.outcome())
                    .as("the round after a crash at %s (point %d) and a restart", crashed.crashedAt(), n)
                    .isEqualTo(reference.outcome());
            exercised.merge(crashed.crashedAt(), 1, Integer::sum);
        }
        System.out.println("Refund and payout crash simulation: crashed and restarted at " + points.size()
                + " crash points of " + exercised.size() + " kinds: " + exercised);
        assertThat(exercised).hasSize(9);
    }

    /** What a round left behind, to compare rounds with. */
    record Outcome(
            List<String> refunds,
            List<String> gatewayRefunds,
            int refundEntries,
            List<String> payouts,
            Map<String, Integer> payoutEntries,
            long balanceChange) {}

    record Round(@Nullable String crashedAt, List<String> reached, Outcome outcome) {}

    private Round round(Creator creator, int index, int crashAt) {
        clock.advance(Duration.ofHours(1));
        User patron = fixtures.patron("crash-refunds-patron-" + index);
        fixtures.join(patron, creator, "10.01", Cadence.MONTHLY, null, money.card(patron, GOOD_CARD));
        long invoice = money.latestInvoice(patron);
        long line = money.lines(invoice).getFirst();
        long lastPayout = lastPayout();
        long before = fixtures.balance(creator).getOrDefault("USD", 0L);

        crashes.arm(crashAt);
        String crashedAt = null;
        List<String> reached = null;
        boolean done = false;
        while (!done) {
            try {
                work(creator, patron, line, lastPayout);
                done = true;
            } catch (SimulatedCrash crash) {
                crashedAt = crash.point();
                reached = crashes.reached();
                crashes.disarm();
                refunds.resolveAll(); // the restart: refunds in flight are settled by key
            }
        }
        if (reached == null) {
            reached = crashes.reached();
        }
        crashes.disarm();
        refunds.resolveAll();

        assertThat(invariants.check().failures())
                .as("invariants after a crash at %s", crashedAt)
                .isEmpty();
        List<String> lineRefunds =
                jdbc.sql("""
                        select amount_minor || ' ' || status from refunds where invoice_line_id = :l
                         and status = 'SUCCEEDED' order by amount_minor
                        """).param("l", line).query(String.class).list();
        int refundEntries = jdbc.sql("""
                        select count(*) from journal_entries e join refunds r on e.reference = 'refund-' || r.id
                         where r.invoice_line_id = :l
                        """).param("l", line).query(Integer.class).single();
        List<String> roundPayouts = jdbc.sql(
                        "select amount_minor || ' ' || status from payouts where id > :p order by amount_minor")
                .param("p", lastPayout)
                .query(String.class)
                .list();
        Map<String, Integer> payoutEntries = new TreeMap<>();
        jdbc.sql("""
                        select e.kind, count(*) from journal_entries e join payouts p
                          on e.reference in (p.idempotency_key, 'payout-paid-' || p.id, 'payout-failed-' || p.id)
                         where p.id > :p group by e.kind
                        """)
                .param("p", lastPayout)
                .query((rs, n) -> payoutEntries.put(rs.getString(1), rs.getInt(2)))
                .list();
        Outcome outcome = new Outcome(
                lineRefunds,
                money.sandboxRefunds(money.chargeOf(invoice)).stream().sorted().toList(),
                refundEntries,
                roundPayouts,
                payoutEntries,
                fixtures.balance(creator).getOrDefault("USD", 0L) - before);
        return new Round(crashedAt, reached, outcome);
    }

    /**
     * The round's work, each step done only if what it does is not recorded yet — as a creator or
     * operator does after a restart, looking at the page.
     */
    private void work(Creator creator, User patron, long line, long lastPayout) {
        long campaign = creator.campaignId();
        long by = creator.user().id().value();
        if (!recorded(line, 300)) {
            refunds.refund(campaign, patron.id().value(), line, "3", by);
        }
        if (left(line) > 0) {
            refunds.refund(campaign, patron.id().value(), line, "", by);
        }
        if (payoutsOfRound(lastPayout, 1000).isEmpty()) {
            payouts.request(campaign, "USD", "10");
        }
        if (payoutsOfRound(lastPayout, 1100).isEmpty()) {
            payouts.request(campaign, "USD", "11");
        }
        for (Payout payout : payoutsOfRound(lastPayout, 1000)) {
            if ("REQUESTED".equals(payout.status())) {
                payouts.markPaid(payout.id(), "transfer " + payout.id());
            }
        }
        for (Payout payout : payoutsOfRound(lastPayout, 1100)) {
            if ("REQUESTED".equals(payout.status())) {
                payouts.markFailed(payout.id(), "the bank returned it");
            }
        }
    }

    /** Whether a refund of this amount is on the line and not failed (in doubt counts: the janitor settles it). */
    private boolean recorded(long line, long amount) {
        return jdbc.sql("""
                        select exists (select 1 from refunds where invoice_line_id = :l and amount_minor = :a
                                          and status <> 'FAILED')
                        """)
                .param("l", line)
                .param("a", amount)
                .query(Boolean.class)
                .single();
    }

    private long left(long line) {
        return jdbc.sql("""
                        select l.amount_minor - coalesce((select sum(r.amount_minor) from refunds r
                                where r.invoice_line_id = l.id and r.status <> 'FAILED'), 0)
                          from invoice_lines l where l.id = :l
                        """).param("l", line).query(Long.class).single();
    }

    private List<Payout> payoutsOfRound(long lastPayout, long amount) {
        return jdbc
                .sql("select id from payouts where id > :p and amount_minor = :a order by id")
                .param("p", lastPayout)
                .param("a", amount)
                .query(Long.class)
                .list()
                .stream()
                .map(payouts::require)
                .toList();
    }

    private long lastPayout() {
        return jdbc.sql("select coalesce(max(id), 0) from payouts")
                .query(Long.class)
                .single();
    }

    @Test
    void theMoneyInvariantsReportRefundsAndDisputesThatDontAddUp() {
        clock.freezeAt(Instant.parse("2108-01-05T10:00:00Z"));
        Creator creator = fixtures.creator("broken-refunds", "USD", BillingModel.MONTHLY, 0);
        User patron = fixtures.patron("broken-refunds-patron");
        fixtures.join(patron, creator, "10", Cadence.MONTHLY, null, money.card(patron, GOOD_CARD));
        long invoice = money.latestInvoice(patron);
        long line = money.lines(invoice).getFirst();
        assertThat(invariants.check().failures()).isEmpty();

        // a refund booked twice over the line, with no entry, and the gateway's refund of another amount
        jdbc.sql("""
                        insert into refunds (idempotency_key, attempt_id, invoice_line_id, campaign_id, patron_user_id,
                               amount_minor, currency, status, origin, gateway_refund_id, created_at, resolved_at)
                        select 'broken-' || a.id, a.id, :l, :c, :p, 1500, 'USD', 'SUCCEEDED', 'GATEWAY', 're_broken',
                               now(), now()
                          from payment_attempts a where a.invoice_id = :i and a.status = 'SUCCEEDED'
                        """)
                .param("l", line)
                .param("c", creator.campaignId())
                .param("p", patron.id().value())
                .param("i", invoice)
                .update();
        jdbc.sql("""
                        insert into sandbox_refunds (idempotency_key, refund_id, charge_id, amount_minor, currency,
                               outcome, message, created_at)
                        values ('broken-sandbox', 're_broken', :charge, 900, 'USD', 'SUCCEEDED', 'Refunded.', now())
                        """).param("charge", money.chargeOf(invoice)).update();
        // a dispute nobody held
        jdbc.sql("""
                        insert into disputes (gateway, dispute_id, attempt_id, amount_minor, currency, reason, status,
                               opened_at, closed_at)
                        select 'sandbox', 'dp_broken', a.id, 1000, 'USD', 'fraudulent', 'LOST', now(), now()
                          from payment_attempts a where a.invoice_id = :i and a.status = 'SUCCEEDED'
                        """).param("i", invoice).update();

        try {
            assertBrokenRulesReported(line);
        } finally { // the database is shared with the other isolated billing tests
            jdbc.sql("delete from disputes where dispute_id = 'dp_broken'").update();
            jdbc.sql("delete from sandbox_refunds where refund_id = 're_broken'")
                    .update();
            jdbc.sql("delete from refunds where gateway_refund_id = 're_broken'")
                    .update();
        }
        assertThat(invariants.check().failures()).isEmpty();
    }

    private void assertBrokenRulesReported(long line) {
        assertThat(invariants.check().failures())
                .anySatisfy(f -> assertThat(f)
                        .startsWith("no invoice line is refunded beyond what was paid for it: line " + line
                                + " was 1000 and is refunded 1500"))
                .anySatisfy(f -> assertThat(f)
                        .startsWith("every succeeded refund has exactly one refund entry")
                        .contains("is SUCCEEDED with 0 refund entries"))
                .anySatisfy(f -> assertThat(f).contains("sandbox refund re_broken of 900 is booked as 1500"))
                .anySatisfy(f -> assertThat(f)
                        .startsWith("every dispute is held once")
                        .contains("(LOST) has 0 hold and 0 closing entries"))
                .hasSize(4);
    }
}
