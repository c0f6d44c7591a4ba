package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.payments.SandboxBank;
import org.maecenas.pledges.Cadence;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The gateway's books against ours for one day: a day of charges, a refund and a won dispute
 * reconciles clean; then each kind of difference is put into the database by hand and is found
 * with its kind, on the run and on the operator's page. Runs on 10 and 14 January 2106, days no
 * other test touches; what it puts in by hand it takes out again (the database is shared).
 */
@MaecenasTest
class ReconciliationTests {

    private static final Instant CLEAN_DAY = Instant.parse("2106-01-10T00:00:00Z");
    /** Days apart, so that neither day's records fall in the other's margin. */
    private static final Instant MESSY_DAY = Instant.parse("2106-01-14T00:00:00Z");

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    MoneyFixtures money;

    @Autowired
    Reconciliation reconciliation;

    @Autowired
    Refunds refunds;

    @Autowired
    SandboxBank bank;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    TestUsers users;

    @Autowired
    MutableClock clock;

    @Autowired
    MockMvc mvc;

    private final List<Runnable> undo = new ArrayList<>();

    @AfterEach
    void reset() {
        undo.reversed().forEach(Runnable::run);
        clock.reset();
        // what was put in by hand is out again: the shared database holds every invariant
        assertThat(invariants.check().failures()).isEmpty();
    }

    /** Two patrons pay, the first is refunded $2.00, the second's charge is disputed and the dispute won. */
    private record Day(Creator creator, long refundedInvoice, long disputedInvoice, String disputeId) {}

    private Day aDayOfBusiness(Instant day) {
        clock.freezeAt(day.plus(Duration.ofHours(10)));
        Creator creator = fixtures.creator("recon", "USD", BillingModel.MONTHLY, 0);
        User first = fixtures.patron("recon-first");
        fixtures.join(first, creator, "10.01", Cadence.MONTHLY, null, money.card(first, GOOD_CARD));
        long refunded = money.latestInvoice(first);
        User second = fixtures.patron("recon-second");
        fixtures.join(second, creator, "20", Cadence.MONTHLY, null, money.card(second, GOOD_CARD));
        long disputed = money.latestInvoice(second);
        clock.advance(Duration.ofMinutes(30));
        assertThat(refunds.refund(
                                creator.campaignId(),
                                first.id().value(),
                                money.lines(refunded).getFirst(),
                                "2",
                                creator.user().id().value())
                        .accepted())
                .isTrue();
        String disputeId = bank.openDispute(money.chargeOf(disputed), "fraudulent");
        awaitDispute(disputeId, "OPEN");
        clock.advance(Duration.ofHours(1));
        bank.closeDispute(disputeId, true);
        awaitDispute(disputeId, "WON");
        return new Day(creator, refunded, disputed, disputeId);
    }

    private void awaitDispute(String disputeId, String status) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(money.jdbc()
                                .sql("select status from disputes where dispute_id = :d")
                                .param("d", disputeId)
                                .query(String.class)
                                .optional())
                        .contains(status));
    }

    @Test
    void aDayOfChargesARefundAndAWonDisputeReconcilesClean() {
        aDayOfBusiness(CLEAN_DAY);

        Reconciliation.Run run = reconciliation.run(CLEAN_DAY, CLEAN_DAY.plus(Duration.ofDays(1)));

        // two charges, a refund, a dispute's withdrawal and its reinstatement
        assertThat(run.gatewayTransactions()).isEqualTo(5);
        assertThat(run.mismatches()).isEmpty();
        assertThat(reconciliation.recent(30))
                .filteredOn(r -> r.id() == run.id())
                .singleElement()
                .satisfies(r -> assertThat(r.mismatches()).isEmpty());
    }

    @Test
    void eachKindOfDifferenceIsFoundAndShownToOperators() throws Exception {
        Day day = aDayOfBusiness(MESSY_DAY);
        Instant noon = MESSY_DAY.plus(Duration.ofHours(12));
        String orphan = "ch_sbx_orphan_" + day.refundedInvoice();
        String phantomRefund = "re_sbx_phantom_" + day.refundedInvoice();
        String phantomDispute = "dp_sbx_phantom_" + day.refundedInvoice();

        // the gateway charged something no attempt of ours knows
        execute(
                "insert into sandbox_charges (idempotency_key, charge_id, token, amount_minor, currency, outcome,"
                        + " settled_minor, fee_minor, created_at)"
                        + " values ('recon-orphan-" + orphan + "', '" + orphan + "', 'sbx_4242424242424242', 777,"
                        + " 'USD', 'SUCCEEDED', 777, 53, :at)",
                noon);
        undo.add(() -> execute("delete from sandbox_charges where charge_id = '" + orphan + "'", noon));
        // we recorded another fee than the gateway took
        long feeAttempt = attemptOf(day.disputedInvoice());
        execute("update payment_attempts set fee_minor = fee_minor + 1 where id = " + feeAttempt, noon);
        undo.add(() -> execute("update payment_attempts set fee_minor = fee_minor - 1 where id = " + feeAttempt, noon));
        // we recorded a refund the gateway never made
        long line = money.lines(day.refundedInvoice()).getFirst();
        execute(
                "insert into refunds (idempotency_key, attempt_id, invoice_line_id, campaign_id, patron_user_id,"
                        + " amount_minor, currency, status, origin, gateway_refund_id, created_at, resolved_at)"
                        + " select 'recon-" + phantomRefund + "', r.attempt_id, r.invoice_line_id, r.campaign_id,"
                        + " r.patron_user_id, 100, 'USD', 'SUCCEEDED', 'GATEWAY', '" + phantomRefund + "', :at, :at"
                        + " from refunds r where r.invoice_line_id = " + line,
                noon);
        undo.add(() -> execute("delete from refunds where gateway_refund_id = '" + phantomRefund + "'", noon));
        // we hold a dispute the gateway doesn't have
        execute(
                "insert into disputes (gateway, dispute_id, attempt_id, amount_minor, currency, reason, status,"
                        + " opened_at) values ('sandbox', '" + phantomDispute + "', "
                        + attemptOf(day.refundedInvoice()) + ", 100, 'USD', 'fraudulent', 'OPEN', :at)",
                noon);
        undo.add(() -> execute("delete from disputes where dispute_id = '" + phantomDispute + "'", noon));

        Reconciliation.Run run = reconciliation.run(MESSY_DAY, MESSY_DAY.plus(Duration.ofDays(1)));

        assertThat(run.gatewayTransactions()).isEqualTo(6);
        assertThat(run.mismatches())
                .extracting(m -> m.kind() + " " + m.reference())
                .containsExactlyInAnyOrder(
                        "CHARGE_UNKNOWN_TO_US " + orphan,
                        "FEE_DIFFERS " + money.chargeOf(day.disputedInvoice()),
                        "REFUND_MISSING_AT_GATEWAY " + phantomRefund,
                        "DISPUTE_MISSING_AT_GATEWAY " + phantomDispute);

        clock.reset(); // sessions run on real time
        MockVisitor admin = MockVisitor.signedIn(mvc, users.admin());
        MockHttpServletResponse ran = admin.post("/admin/reconciliation", "day", "2106-01-14");
        assertThat(ran.getStatus()).isEqualTo(302);
        String page = admin.follow(ran).getContentAsString();
        assertThat(page)
                .contains("Reconciled 2106-01-14: 6 gateway records, 4 mismatches.")
                .contains("<tr><td>CHARGE_UNKNOWN_TO_US</td><td><code>" + orphan + "</code></td>")
                .contains("<tr><td>FEE_DIFFERS</td><td><code>" + money.chargeOf(day.disputedInvoice()) + "</code></td>")
                .contains("<tr><td>REFUND_MISSING_AT_GATEWAY</td><td><code>" + phantomRefund + "</code></td>")
                .contains("<tr><td>DISPUTE_MISSING_AT_GATEWAY</td><td><code>" + phantomDispute + "</code></td>");
        assertThat(MockVisitor.signedIn(mvc, users.create("recon-nobody"))
                        .get("/admin/reconciliation")
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void aBadDayIsAMessageNotAnError() throws Exception {
        MockVisitor admin = MockVisitor.signedIn(mvc, users.admin());
        for (String bad : List.of(
                "",
                "yesterday",
                "2106-13-45",
                "99999999-01-01",
                "2106-01-10T00:00",
                "+294277-01-01",
                "+999999999-12-31",
                "-999999999-01-01")) {
            MockHttpServletResponse answer = admin.post("/admin/reconciliation", "day", bad);
            assertThat(answer.getStatus()).as(bad).isEqualTo(302);
            assertThat(admin.follow(answer).getContentAsString()).as(bad).contains("Enter a day like 2026-11-25.");
        }
    }

    private long attemptOf(long invoice) {
        return money.jdbc()
                .sql("select id from payment_attempts where invoice_id = :i and status = 'SUCCEEDED'")
                .param("i", invoice)
                .query(Long.class)
                .single();
    }

    private void execute(String sql, Instant at) {
        var statement = money.jdbc().sql(sql);
        (sql.contains(":at") ? statement.param("at", Timestamp.from(at)) : statement).update();
    }
}
