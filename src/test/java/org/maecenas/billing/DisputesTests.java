package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;
import static org.maecenas.billing.BillingFixtures.SETTLES_LESS;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.money.Money;
import org.maecenas.payments.GatewayEvents;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.SandboxBank;
import org.maecenas.payouts.Payouts;
import org.maecenas.pledges.Cadence;
import org.maecenas.posts.Post;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.TestUsers;
import org.maecenas.web.InvalidInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A patron's bank disputes a payment: the creators' shares are held (so they can't be paid out),
 * then released when the dispute is won or settled when it is lost, each once; and the operator's
 * pages that play the bank in test mode. Runs in 2103 with its own creators and patrons.
 *
 * <p>The monthly creator here takes a 7.5% platform fee: a $10.01 join nets them $8.67 (fee $0.75,
 * processing $0.59) and a $50.00 join $44.50 (fee $3.75, processing $1.75).
 */
@MaecenasTest
class DisputesTests {

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    MoneyFixtures money;

    @Autowired
    Disputes disputes;

    @Autowired
    Refunds refunds;

    @Autowired
    SandboxBank bank;

    @Autowired
    Payouts payouts;

    @Autowired
    BillingDays days;

    @Autowired
    CreatorStatements statements;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @AfterEach
    void reset() {
        clock.reset();
        fixtures.switches().reset();
    }

    /** A creator with $53.17 of settled earnings from two patrons; the first paid $10.01. */
    private record Earner(Creator creator, User patron, long invoice, String charge) {}

    private Earner earner(String name, Instant joinedAt) {
        clock.freezeAt(joinedAt);
        Creator creator = fixtures.creator(name, "USD", BillingModel.MONTHLY, 0);
        money.platformFee(creator, 750);
        User patron = fixtures.patron(name + "-patron");
        fixtures.join(patron, creator, "10.01", Cadence.MONTHLY, null, money.card(patron, GOOD_CARD));
        long invoice = money.latestInvoice(patron);
        User other = fixtures.patron(name + "-other");
        fixtures.join(other, creator, "50", Cadence.MONTHLY, null, money.card(other, GOOD_CARD));
        clock.advance(Duration.ofDays(8)); // past the holding period
        assertThat(payouts.available(creator.campaignId())).containsEntry("USD", 5317L);
        return new Earner(creator, patron, invoice, money.chargeOf(invoice));
    }

    private String open(String charge) {
        String id = bank.openDispute(charge, "fraudulent");
        awaitStatus(id, "OPEN");
        return id;
    }

    private void awaitStatus(String disputeId, String status) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(status(disputeId)).isEqualTo(status));
    }

    private String status(String disputeId) {
        return money.jdbc()
                .sql("select status from disputes where dispute_id = :d")
                .param("d", disputeId)
                .query(String.class)
                .optional()
                .orElse("none");
    }

    private long id(String disputeId) {
        return money.jdbc()
                .sql("select id from disputes where dispute_id = :d")
                .param("d", disputeId)
                .query(Long.class)
                .single();
    }

    private Map<Long, Long> shares(String disputeId) {
        Map<Long, Long> shares = new java.util.TreeMap<>();
        money.jdbc()
                .sql("select campaign_id, amount_minor from dispute_shares where dispute_id = :d")
                .param("d", id(disputeId))
                .query((rs, n) -> shares.put(rs.getLong(1), rs.getLong(2)))
                .list();
        return shares;
    }

    @Test
    void anOpenedDisputeHoldsTheCreatorsShareOnceHoweverOftenItIsTold() {
        Earner earner = earner("dispute-open", Instant.parse("2103-01-05T10:00:00Z"));
        long campaign = earner.creator().campaignId();

        String disputeId = open(earner.charge());

        assertThat(payouts.available(campaign)).containsEntry("USD", 5317L - 1001L);
        assertThat(fixtures.balance(earner.creator())).containsEntry("USD", 5317L - 1001L);
        String held = "dispute-held-" + id(disputeId);
        assertThat(money.kindOf(held)).isEqualTo("DISPUTE_HELD");
        assertThat(money.legs(held))
                .isEqualTo(Map.of(
                        "gateway-clearing:sandbox",
                        -1001L,
                        "disputes-pending:sandbox",
                        1001L,
                        "creator-balance:" + campaign,
                        1001L,
                        "creator-held:" + campaign,
                        -1001L));
        assertThat(shares(disputeId)).isEqualTo(Map.of(campaign, 1001L));

        GatewayEvents.DisputeOpened again = new GatewayEvents.DisputeOpened(
                "sandbox", earner.charge(), disputeId, Money.of(1001, "USD"), "fraudulent");
        disputes.open(again);
        disputes.open(again);

        assertThat(money.jdbc()
                        .sql("select count(*) from disputes where dispute_id = :d")
                        .param("d", disputeId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(money.entries(held)).isEqualTo(1);
        assertThat(shares(disputeId)).isEqualTo(Map.of(campaign, 1001L));
        assertThat(payouts.available(campaign)).containsEntry("USD", 4316L);
        assertThat(disputes.ofCampaign(campaign, 10))
                .singleElement()
                .satisfies(d -> assertThat(d.amount()).isEqualTo(Money.of(1001, "USD")));

        // the bank is taking the money back: the creator can't refund it as well
        long line = money.lines(earner.invoice()).getFirst();
        assertThatThrownBy(() -> refunds.refund(
                        campaign,
                        earner.patron().id().value(),
                        line,
                        "",
                        earner.creator().user().id().value()))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("The patron’s bank is disputing this payment, so it can’t be refunded as well.");
        assertThat(money.refundsOfLine(line)).isEmpty();
        assertThat(money.sandboxRefunds(earner.charge())).isEmpty();
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aDisputeAfterAPartialRefundHoldsOnlyWhatIsLeftOfThePayment() {
        Earner earner = earner("dispute-refunded", Instant.parse("2103-08-05T10:00:00Z"));
        long line = money.lines(earner.invoice()).getFirst();
        assertThat(refunds.refund(
                                earner.creator().campaignId(),
                                earner.patron().id().value(),
                                line,
                                "4.00",
                                earner.creator().user().id().value())
                        .accepted())
                .isTrue();

        String disputeId = open(earner.charge());

        assertThat(money.legs("dispute-held-" + id(disputeId)))
                .containsEntry("gateway-clearing:sandbox", -601L)
                .containsEntry("creator-held:" + earner.creator().campaignId(), -601L);
        assertThat(invariants.check().failures()).isEmpty();
        assertThatThrownBy(() -> bank.openDispute(earner.charge(), "again"))
                .hasMessageContaining("This charge is already disputed.");
    }

    @Test
    void aWonDisputeReleasesTheHeldShareOnce() {
        Earner earner = earner("dispute-won", Instant.parse("2103-02-05T10:00:00Z"));
        long campaign = earner.creator().campaignId();
        String disputeId = open(earner.charge());
        clock.advance(Duration.ofDays(20));

        bank.closeDispute(disputeId, true);
        awaitStatus(disputeId, "WON");
        disputes.close(new GatewayEvents.DisputeClosed("sandbox", disputeId, true)); // told again
        disputes.close(new GatewayEvents.DisputeClosed("sandbox", disputeId, false)); // and contradicted

        String closed = "dispute-closed-" + id(disputeId);
        assertThat(money.kindOf(closed)).isEqualTo("DISPUTE_RELEASED");
        assertThat(money.legs(closed))
                .isEqualTo(Map.of(
                        "gateway-clearing:sandbox",
                        1001L,
                        "disputes-pending:sandbox",
                        -1001L,
                        "creator-held:" + campaign,
                        1001L,
                        "creator-balance:" + campaign,
                        -1001L));
        assertThat(money.entries(closed)).isEqualTo(1);
        assertThat(status(disputeId)).isEqualTo("WON");
        assertThat(fixtures.balance(earner.creator())).containsEntry("USD", 5317L);
        // earnings past their holding period were held, not earned anew: available again at once
        assertThat(payouts.available(campaign)).containsEntry("USD", 5317L);
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aDisputeWonBeforeThePaymentsHoldingPeriodEndsMakesNothingAvailableEarly() {
        clock.freezeAt(Instant.parse("2103-07-05T10:00:00Z"));
        Creator creator = fixtures.creator("dispute-early", "USD", BillingModel.MONTHLY, 0);
        money.platformFee(creator, 750);
        User patron = fixtures.patron("dispute-early-patron");
        fixtures.join(patron, creator, "10.01", Cadence.MONTHLY, null, money.card(patron, GOOD_CARD));
        String charge = money.chargeOf(money.latestInvoice(patron));
        clock.advance(Duration.ofDays(1));
        String disputeId = open(charge);
        clock.advance(Duration.ofDays(1));
        bank.closeDispute(disputeId, true);
        awaitStatus(disputeId, "WON");

        assertThat(payouts.available(creator.campaignId())).containsEntry("USD", 0L);
        clock.advance(Duration.ofDays(5).plusMinutes(1)); // the payment is 7 days old
        assertThat(payouts.available(creator.campaignId())).containsEntry("USD", 867L);
    }

    @Test
    void aLostDisputeSettlesTheHeldShareFromTheCreatorsEarningsAndTheStatementShowsIt() {
        Earner earner = earner("dispute-lost", Instant.parse("2103-03-05T10:00:00Z"));
        long campaign = earner.creator().campaignId();
        String disputeId = open(earner.charge());

        bank.closeDispute(disputeId, false);
        awaitStatus(disputeId, "LOST");

        String closed = "dispute-closed-" + id(disputeId);
        assertThat(money.kindOf(closed)).isEqualTo("DISPUTE_LOST");
        assertThat(money.legs(closed))
                .isEqualTo(Map.of("disputes-pending:sandbox", -1001L, "creator-held:" + campaign, 1001L));
        assertThat(fixtures.balance(earner.creator())).containsEntry("USD", 4316L);
        clock.advance(Duration.ofDays(8));
        assertThat(payouts.available(campaign)).containsEntry("USD", 4316L);

        assertThat(statements.month(campaign, YearMonth.of(2103, 3)))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.gross()).isEqualTo(6001);
                    assertThat(s.disputes()).isEqualTo(1001);
                    assertThat(s.net()).isEqualTo(5317);
                    assertThat(s.balance()).isEqualTo(4316);
                });
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void theSharesOfAnInvoiceOfTwoCreatorsSumExactlyToTheDisputedAmount() {
        LocalDate billingDay = LocalDate.of(2103, 5, 1);
        clock.freezeAt(Instant.parse("2103-04-10T09:00:00Z"));
        Creator first = fixtures.creator("dispute-split-a", "USD", BillingModel.PER_CREATION, 0);
        Creator second = fixtures.creator("dispute-split-b", "USD", BillingModel.PER_CREATION, 0);
        User patron = fixtures.patron("dispute-split-patron");
        PaymentMethod card = money.card(patron, SETTLES_LESS);
        fixtures.join(patron, first, "7.01", Cadence.PER_CREATION, null, card);
        fixtures.join(patron, second, "3", Cadence.PER_CREATION, null, card);
        Post a = fixtures.paidPost(first, "Split episode");
        Post b = fixtures.paidPost(second, "Split episode");
        fixtures.awaitAccruals(a, 1);
        fixtures.awaitAccruals(b, 1);
        clock.freezeAt(billingDay.atTime(0, 30).toInstant(ZoneOffset.UTC));
        days.run(billingDay);
        long invoice = money.latestInvoice(patron);
        assertThat(fixtures.bills(patron).getLast().status()).isEqualTo("PAID");
        Map<String, Long> firstBefore = fixtures.balance(first);
        Map<String, Long> secondBefore = fixtures.balance(second);

        // $10.01 charged, $9.91 settled (1% less): 991 × 701/1001 = 693.99 and 991 × 300/1001 = 297.002
        String disputeId = open(money.chargeOf(invoice));

        assertThat(shares(disputeId)).isEqualTo(Map.of(first.campaignId(), 694L, second.campaignId(), 297L));
        assertThat(money.legs("dispute-held-" + id(disputeId)))
                .isEqualTo(Map.of(
                        "gateway-clearing:sandbox",
                        -991L,
                        "disputes-pending:sandbox",
                        991L,
                        "creator-balance:" + first.campaignId(),
                        694L,
                        "creator-held:" + first.campaignId(),
                        -694L,
                        "creator-balance:" + second.campaignId(),
                        297L,
                        "creator-held:" + second.campaignId(),
                        -297L));
        assertThat(fixtures.balance(first)).containsEntry("USD", firstBefore.get("USD") - 694);
        assertThat(fixtures.balance(second)).containsEntry("USD", secondBefore.get("USD") - 297);
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void closingADisputeNobodyOpenedChangesNothing() {
        int entries = money.jdbc()
                .sql("select count(*) from journal_entries")
                .query(Integer.class)
                .single();

        disputes.close(new GatewayEvents.DisputeClosed("sandbox", "dp_never_opened", true));
        disputes.open(new GatewayEvents.DisputeOpened(
                "sandbox", "ch_nobody_made", "dp_about_nothing", Money.of(500, "USD"), "fraudulent"));

        assertThat(status("dp_never_opened")).isEqualTo("none");
        assertThat(status("dp_about_nothing")).isEqualTo("none");
        assertThat(money.jdbc()
                        .sql("select count(*) from journal_entries")
                        .query(Integer.class)
                        .single())
                .isEqualTo(entries);
    }

    @Test
    void operatorsSimulateAndDecideDisputesInTestModeAndNobodyElseCan() throws Exception {
        Earner earner = earner("dispute-admin", Instant.parse("2103-06-05T10:00:00Z"));
        clock.reset(); // sessions run on real time
        MockVisitor creator = MockVisitor.signedIn(mvc, earner.creator().user());
        assertThat(creator.get("/admin/disputes").getStatus()).isEqualTo(403);
        assertThat(creator.post("/admin/disputes/simulate", "chargeId", earner.charge())
                        .getStatus())
                .isEqualTo(403);
        assertThat(money.jdbc()
                        .sql("select count(*) from sandbox_disputes where charge_id = :c")
                        .param("c", earner.charge())
                        .query(Integer.class)
                        .single())
                .isZero();

        MockVisitor admin = MockVisitor.signedIn(mvc, users.admin());
        MockHttpServletResponse unknown = admin.post("/admin/disputes/simulate", "chargeId", "ch_sbx_nothing");
        assertThat(unknown.getStatus()).isEqualTo(422);
        assertThat(unknown.getContentAsString()).contains("No successful sandbox charge has this id.");

        MockHttpServletResponse opened =
                admin.post("/admin/disputes/simulate", "chargeId", earner.charge(), "reason", "product_not_received");
        assertThat(opened.getStatus()).isEqualTo(302);
        String disputeId = money.jdbc()
                .sql("select dispute_id from sandbox_disputes where charge_id = :c")
                .param("c", earner.charge())
                .query(String.class)
                .single();
        assertThat(admin.follow(opened).getContentAsString()).contains("Dispute " + disputeId + " opened.");
        awaitStatus(disputeId, "OPEN");
        assertThat(admin.get("/admin/disputes").getContentAsString())
                .contains("<code>" + disputeId + "</code>")
                .contains("product_not_received")
                .contains("<input type=\"hidden\" name=\"disputeId\" value=\"" + disputeId + "\">");
        assertThat(admin.post("/admin/disputes/simulate", "chargeId", earner.charge())
                        .getContentAsString())
                .contains("This charge is already disputed.");

        assertThat(creator.post("/admin/disputes/decide", "disputeId", disputeId, "outcome", "won")
                        .getStatus())
                .isEqualTo(403);
        MockHttpServletResponse decided =
                admin.post("/admin/disputes/decide", "disputeId", disputeId, "outcome", "won");
        assertThat(decided.getStatus()).isEqualTo(302);
        awaitStatus(disputeId, "WON");
        assertThat(fixtures.balance(earner.creator())).containsEntry("USD", 5317L);
        MockHttpServletResponse again = admin.post("/admin/disputes/decide", "disputeId", disputeId, "outcome", "lost");
        assertThat(again.getStatus()).isEqualTo(422);
        assertThat(again.getContentAsString()).contains("No open sandbox dispute has this id.");
        assertThat(status(disputeId)).isEqualTo("WON");
    }
}
