package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.billing.CreatorStatements.Statement;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payouts.Payout;
import org.maecenas.payouts.Payouts;
import org.maecenas.pledges.Cadence;
import org.maecenas.posts.Post;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.Patrons;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Monthly creator statements, over one world built once in 2095 (a year no other test bills):
 * creator A (10% platform fee) and creator B (no fee) are billed on 1 March for February's paid
 * posts — patron 1 pays A $40, patron 3 pays A $5 and B $3 on one invoice, so the sandbox's fee is
 * split between them — then A is paid out $15 in March (a $10 payout to a refusing account fails
 * the same month), a $10 payout on 31 March fails in April, and $20 is paid out in April.
 */
@MaecenasTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementsTests {

    private static final String CSV_HEADER =
            "month,currency,gross,platform_fees,processing_fees,refunds,disputes,net,paid_out,balance";

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    Patrons patrons;

    @Autowired
    Payouts payouts;

    @Autowired
    CreatorStatements statements;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    TestUsers users;

    @Autowired
    MockMvc mvc;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    Creator a;
    Creator b;

    @BeforeAll
    void buildTheMonths() {
        clock.freezeAt(Instant.parse("2095-02-10T10:00:00Z"));
        a = fixtures.creator("stmt-a", "USD", BillingModel.PER_CREATION, 0);
        b = fixtures.creator("stmt-b", "USD", BillingModel.PER_CREATION, 0);
        jdbc.sql("insert into creator_fee_overrides (campaign_id, platform_fee_bps) values (:c, 1000)")
                .param("c", a.campaignId())
                .update();
        User one = fixtures.patron("stmt-one");
        fixtures.join(one, a, "40", Cadence.PER_CREATION, null, fixtures.card(one, GOOD_CARD));
        User three = fixtures.patron("stmt-three");
        PaymentMethod card = fixtures.card(three, GOOD_CARD);
        fixtures.join(three, a, "5", Cadence.PER_CREATION, null, card);
        fixtures.join(three, b, "3", Cadence.PER_CREATION, null, card);

        clock.freezeAt(Instant.parse("2095-02-15T10:00:00Z"));
        Post paidA = fixtures.paidPost(a, "A's February episode");
        Post paidB = fixtures.paidPost(b, "B's February episode");
        fixtures.awaitAccruals(paidA, 2);
        fixtures.awaitAccruals(paidB, 1);
        patrons.billingDay(LocalDate.parse("2095-03-01"));
        assertThat(fixtures.bills(three)).singleElement().satisfies(bill -> {
            assertThat(bill.lines()).as("one invoice for both creators").isEqualTo(2);
            assertThat(bill.total()).isEqualTo(800);
            assertThat(bill.status()).isEqualTo("PAID");
        });

        clock.freezeAt(Instant.parse("2095-03-09T12:00:00Z"));
        payouts.useStripeConnect(a.campaignId(), "acct_stmtfail0001", false);
        assertThat(payouts.request(a.campaignId(), "USD", "10").status()).isEqualTo("FAILED");
        payouts.useBankAccount(a.campaignId(), "Ada Lovelace", "GB82 WEST 1234 5698 7654 32", "", "", false);
        payouts.request(a.campaignId(), "USD", "15");
        clock.freezeAt(Instant.parse("2095-03-31T23:00:00Z"));
        Payout failsInApril = payouts.request(a.campaignId(), "USD", "10");
        clock.freezeAt(Instant.parse("2095-04-02T12:00:00Z"));
        payouts.markFailed(failsInApril.id(), "account closed");
        payouts.request(a.campaignId(), "USD", "20");
        clock.freezeAt(Instant.parse("2095-04-20T12:00:00Z"));
    }

    @AfterAll
    void resetClock() {
        clock.reset();
    }

    @Test
    void aMonthsFiguresAreTheChargesLessFeesAndAddUpToTheBalance() {
        // A: $40 (sandbox fee $1.46) and $5 of an $8 invoice (fee 53c, of which A's share is 33c)
        assertThat(statements.month(a.campaignId(), YearMonth.of(2095, 3)))
                .containsExactly(new Statement(YearMonth.of(2095, 3), "USD", 4500, 450, 179, 0, 0, 3871, 2500, 1371));
        // B: $3 of the same invoice, fee share 20c, no platform fee
        assertThat(statements.month(b.campaignId(), YearMonth.of(2095, 3)))
                .containsExactly(new Statement(YearMonth.of(2095, 3), "USD", 300, 0, 20, 0, 0, 280, 0, 280));
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void everyMonthAddsUpFromTheLastMonthsBalance() {
        long balance = 0;
        for (YearMonth month = YearMonth.of(2095, 1);
                month.isBefore(YearMonth.of(2095, 6));
                month = month.plusMonths(1)) {
            for (Statement s : statements.month(a.campaignId(), month)) {
                assertThat(s.gross() - s.platformFees() - s.processingFees())
                        .as(month + " net")
                        .isEqualTo(s.net());
                assertThat(balance + s.net() - s.refunds() - s.disputes() - s.paidOut())
                        .as(month + " closing balance")
                        .isEqualTo(s.balance());
                balance = s.balance();
            }
        }
        assertThat(balance).isEqualTo(fixtures.balance(a).get("USD"));
    }

    @Test
    void aPayoutThatFailsTheNextMonthCountsWhenItWasPaidAndWhenItCameBack() {
        // April: $20 paid out, and the $10 of 31 March returned
        assertThat(statements.month(a.campaignId(), YearMonth.of(2095, 4)))
                .containsExactly(new Statement(YearMonth.of(2095, 4), "USD", 0, 0, 0, 0, 0, 0, 1000, 371));
    }

    @Test
    void aMonthWithNothingBeforeAnyMoneyHasNoStatement() {
        assertThat(statements.month(a.campaignId(), YearMonth.of(2095, 2))).isEmpty();
        assertThat(statements.month(a.campaignId(), YearMonth.of(2094, 12))).isEmpty();
        assertThat(statements.month(a.campaignId(), YearMonth.of(2095, 5)))
                .as("a quiet month still shows the balance carried")
                .containsExactly(new Statement(YearMonth.of(2095, 5), "USD", 0, 0, 0, 0, 0, 0, 0, 371));
    }

    @Test
    void theStatementPageShowsTheMonthsFigures() throws Exception {
        String page =
                signedIn(a.user()).get("/dashboard/statements?month=2095-03").getContentAsString();

        assertThat(page)
                .contains("<h1>Statement for March 2095</h1>")
                .contains("<h2>USD</h2>")
                .contains(row("Patrons paid (gross)", "$45.00"))
                .contains(row("Platform fee", "−$4.50"))
                .contains(row("Processing fees", "−$1.79"))
                .contains(row("Refunds", "−$0.00"))
                .contains(row("Disputes", "$0.00"))
                .contains(row("Net earned", "<strong>$38.71</strong>"))
                .contains(row("Paid out", "$25.00"))
                .contains(row("Balance at the month’s end", "<strong>$13.71</strong>"))
                .contains("<a href=\"/dashboard/statements?month=2095-02\">")
                .contains("<a href=\"/dashboard/statements?month=2095-04\">")
                .contains("<a href=\"/dashboard/statements.csv?month=2095-03\">Download CSV</a>")
                .doesNotContain("Nothing happened this month");
        assertThat(signedIn(b.user()).get("/dashboard/statements?month=2095-03").getContentAsString())
                .contains(row("Patrons paid (gross)", "$3.00"))
                .contains(row("Net earned", "<strong>$2.80</strong>"))
                .doesNotContain("$45.00");
    }

    @Test
    void theCsvHasTheHeaderAndTheSameFigures() throws Exception {
        MockVisitor creator = signedIn(a.user());

        MockHttpServletResponse march = creator.get("/dashboard/statements.csv?month=2095-03");
        assertThat(march.getStatus()).isEqualTo(200);
        assertThat(march.getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(march.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"statement-" + a.campaign().slug() + "-2095-03.csv\"");
        assertThat(march.getContentAsString())
                .isEqualTo(CSV_HEADER + "\n" + "2095-03,USD,45.00,4.50,1.79,0.00,0.00,38.71,25.00,13.71\n");
        assertThat(creator.get("/dashboard/statements.csv?month=2095-04").getContentAsString())
                .isEqualTo(CSV_HEADER + "\n" + "2095-04,USD,0.00,0.00,0.00,0.00,0.00,0.00,10.00,3.71\n");
        assertThat(creator.get("/dashboard/statements.csv?month=2095-02").getContentAsString())
                .isEqualTo(CSV_HEADER + "\n");
    }

    @Test
    void anEmptyMonthSaysSoAndAMalformedMonthFallsBackToThisMonth() throws Exception {
        MockVisitor creator = signedIn(a.user());

        MockHttpServletResponse empty = creator.get("/dashboard/statements?month=2095-02");
        assertThat(empty.getStatus()).isEqualTo(200);
        assertThat(empty.getContentAsString())
                .contains("<h1>Statement for February 2095</h1>")
                .contains("Nothing happened this month");

        for (String garbage : List.of("garbage", "2095-13", "2095-4", "13-x", "", "2095-03-01")) {
            MockHttpServletResponse fallback = creator.get("/dashboard/statements?month=" + garbage);
            assertThat(fallback.getStatus()).as(garbage).isEqualTo(200);
            assertThat(fallback.getContentAsString()).as(garbage).contains("<h1>Statement for April 2095</h1>");
            MockHttpServletResponse csv = creator.get("/dashboard/statements.csv?month=" + garbage);
            assertThat(csv.getStatus()).as(garbage).isEqualTo(200);
            assertThat(csv.getContentAsString()).as(garbage).startsWith(CSV_HEADER + "\n2095-04,USD,");
        }
        for (String outOfRange : List.of("+300000-01", "+999999999-12", "-999999999-01", "0000-01")) {
            MockHttpServletResponse page = creator.get("/dashboard/statements?month=" + outOfRange);
            assertThat(page.getStatus()).as(outOfRange).isEqualTo(200);
            assertThat(page.getContentAsString()).as(outOfRange).contains("<h1>Statement for April 2095</h1>");
            assertThat(creator.get("/dashboard/statements.csv?month=" + outOfRange)
                            .getStatus())
                    .as(outOfRange)
                    .isEqualTo(200);
        }
    }

    @Test
    void onlyACreatorHasStatementsAndOnlyTheirOwn() throws Exception {
        MockVisitor patron = signedIn(users.patron());
        assertThat(patron.get("/dashboard/statements?month=2095-03").getStatus())
                .isEqualTo(404);
        assertThat(patron.get("/dashboard/statements.csv?month=2095-03").getStatus())
                .isEqualTo(404);
        assertThat(new MockVisitor(mvc).get("/dashboard/statements.csv").getRedirectedUrl())
                .endsWith("/login");
    }

    private static String row(String heading, String value) {
        return "<tr><th scope=\"row\">" + heading + "</th><td class=\"num\">" + value + "</td></tr>";
    }

    private MockVisitor signedIn(User user) throws Exception {
        MockVisitor browser = new MockVisitor(mvc);
        assertThat(browser.signIn(user.email(), TestUsers.PASSWORD).getStatus()).isEqualTo(302);
        return browser;
    }
}
