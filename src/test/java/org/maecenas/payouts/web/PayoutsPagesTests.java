package org.maecenas.payouts.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.payouts.Payout;
import org.maecenas.payouts.PayoutFixtures;
import org.maecenas.payouts.Payouts;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** A creator's payouts page: figures, the method form and its errors, requests, and who may see what. In 2094. */
@MaecenasTest
class PayoutsPagesTests {

    private static final String IBAN_ERROR = "<p class=\"field-error\" id=\"iban-error\">"
            + "This IBAN is not valid. Check it against your bank statement.</p>";

    @Autowired
    MockMvc mvc;

    @Autowired
    Payouts payouts;

    @Autowired
    PayoutFixtures fixtures;

    @Autowired
    TestUsers users;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void thePageShowsTheBalanceAndWhatOfItIsAvailable() throws Exception {
        clock.freezeAt(Instant.parse("2094-01-10T12:00:00Z"));
        Creator creator = fixtures.creator("page-figures");
        MockVisitor browser = signedIn(creator.user());

        String empty = browser.get("/dashboard/payouts").getContentAsString();
        assertThat(empty)
                .contains("<h1>Payouts</h1>")
                .contains("Nothing yet.")
                .contains("Earnings become available 7 days after your patrons’ payments settle.")
                .contains("Set how you want to be paid below first.")
                .contains("No payouts yet.")
                .doesNotContain("Pay me out</button>");

        fixtures.earn(creator, "50");
        clock.advance(Duration.ofDays(3));
        String held = browser.get("/dashboard/payouts").getContentAsString();
        assertThat(held)
                .contains("<p class=\"stat-value\">$0.00</p>")
                .contains("Your balance: <strong>$48.25</strong>");

        clock.advance(Duration.ofDays(4));
        fixtures.withBankAccount(creator);
        String available = browser.get("/dashboard/payouts").getContentAsString();
        assertThat(available)
                .contains("<p class=\"stat-value\">$48.25</p>")
                .contains("Your balance: <strong>$48.25</strong>")
                .contains("Now: <strong>Bank GB …5432</strong>.")
                .contains("The smallest payout is $10.00.")
                .contains("Pay me out</button>")
                .doesNotContain("GB82WEST12345698765432")
                .doesNotContain("12345698765432");
    }

    @Test
    void aMalformedBankAccountReRendersTheFormWithTheFieldsMessageAndKeepsNoSecret() throws Exception {
        Creator creator = fixtures.creator("page-method");
        MockVisitor browser = signedIn(creator.user());

        MockHttpServletResponse badIban = browser.post(
                "/dashboard/payouts/method",
                "kind",
                "MANUAL",
                "holder",
                "Ada Lovelace",
                "iban",
                "GB82 WEST 1234 5698 7654 33");
        assertThat(badIban.getStatus()).isEqualTo(422);
        assertThat(badIban.getContentAsString())
                .contains(IBAN_ERROR)
                .contains("Please correct the marked fields.")
                .contains("value=\"Ada Lovelace\"")
                .doesNotContain("5698 7654 33")
                .doesNotContain("GB82WEST12345698765433");

        MockHttpServletResponse noHolder =
                browser.post("/dashboard/payouts/method", "kind", "MANUAL", "accountNumber", "12", "routingCode", "1");
        assertThat(noHolder.getStatus()).isEqualTo(422);
        assertThat(noHolder.getContentAsString())
                .contains("<p class=\"field-error\" id=\"holder-error\">Enter the account holder’s name.</p>")
                .contains("<p class=\"field-error\" id=\"accountNumber-error\">"
                        + "Enter an IBAN, or an account number of 4 to 17 digits.</p>")
                .contains("<p class=\"field-error\" id=\"routingCode-error\">"
                        + "Enter the routing or sort code (6 to 9 digits).</p>");

        MockHttpServletResponse badConnect =
                browser.post("/dashboard/payouts/method", "kind", "STRIPE_CONNECT", "connectAccount", "acct_no!");
        assertThat(badConnect.getStatus()).isEqualTo(422);
        assertThat(badConnect.getContentAsString())
                .contains("<p class=\"field-error\" id=\"connectAccount-error\">"
                        + "A Stripe Connect account id looks like acct_1A2b3C4d5E6f.</p>")
                .contains("id=\"kind-stripe\" name=\"kind\" value=\"STRIPE_CONNECT\" checked");

        MockHttpServletResponse nothing = browser.post("/dashboard/payouts/method");
        assertThat(nothing.getStatus()).as("an empty form").isEqualTo(422);
        assertThat(payouts.method(creator.campaignId())).isEmpty();
    }

    @Test
    void aValidMethodIsSavedAndShownOnlyAsASummary() throws Exception {
        Creator creator = fixtures.creator("page-saved");
        MockVisitor browser = signedIn(creator.user());

        MockHttpServletResponse saved = browser.post(
                "/dashboard/payouts/method",
                "kind",
                "MANUAL",
                "holder",
                "Ada Lovelace",
                "iban",
                "de89 3704 0044 0532 0130 00",
                "automatic",
                "true");
        assertThat(saved.getRedirectedUrl()).isEqualTo("/dashboard/payouts");
        String page = browser.follow(saved).getContentAsString();
        assertThat(page)
                .contains("Your payout method is saved.")
                .contains("Now: <strong>Bank DE …3000</strong>, paid out automatically each month.")
                .doesNotContain("0532013000");
        assertThat(payouts.method(creator.campaignId()).orElseThrow().automatic())
                .isTrue();

        browser.post("/dashboard/payouts/method", "kind", "STRIPE_CONNECT", "connectAccount", "acct_1A2b3C4d5E6f");
        assertThat(browser.get("/dashboard/payouts").getContentAsString())
                .contains("Now: <strong>Stripe acct_1A2b3C4d5E6f</strong>.");
        assertThat(payouts.method(creator.campaignId()).orElseThrow().automatic())
                .as("an unticked box turns automatic payouts off")
                .isFalse();
    }

    @Test
    void requestErrorsShowBesideTheAmountAndARequestSaysWhereTheMoneyGoes() throws Exception {
        clock.freezeAt(Instant.parse("2094-02-10T12:00:00Z"));
        Creator creator = fixtures.withFiftyAvailable("page-request");
        MockVisitor browser = signedIn(creator.user());

        MockHttpServletResponse noMethod = browser.post("/dashboard/payouts", "currency", "USD", "amount", "20");
        assertThat(noMethod.getStatus()).isEqualTo(409);
        assertThat(noMethod.getContentAsString()).contains("Set how you want to be paid before asking for a payout.");

        fixtures.withBankAccount(creator);
        MockHttpServletResponse tooMuch = browser.post("/dashboard/payouts", "currency", "USD", "amount", "60");
        assertThat(tooMuch.getStatus()).isEqualTo(422);
        assertThat(tooMuch.getContentAsString())
                .contains("<p class=\"field-error\" id=\"amount-error\">You can be paid at most $48.25 now;"
                        + " newer earnings become available after 7 days.</p>");
        assertThat(browser.post("/dashboard/payouts", "currency", "USD", "amount", "5")
                        .getContentAsString())
                .contains("<p class=\"field-error\" id=\"amount-error\">The smallest payout is $10.00.</p>");
        assertThat(browser.post("/dashboard/payouts", "currency", "USD", "amount", "lots")
                        .getContentAsString())
                .contains("<p class=\"field-error\" id=\"amount-error\">Enter an amount like 50 or 50.00.</p>");
        MockHttpServletResponse badCurrency = browser.post("/dashboard/payouts", "currency", "NOPE", "amount", "20");
        assertThat(badCurrency.getStatus()).isEqualTo(422);
        assertThat(badCurrency.getContentAsString())
                .contains("<p class=\"field-error\" id=\"currency-error\">"
                        + "Choose a currency by its three-letter code, like USD.</p>");
        assertThat(payouts.of(creator.campaignId())).isEmpty();

        MockHttpServletResponse requested = browser.post("/dashboard/payouts", "amount", "20");
        assertThat(requested.getRedirectedUrl()).isEqualTo("/dashboard/payouts");
        String page = browser.follow(requested).getContentAsString();
        assertThat(page)
                .contains("Payout of $20.00 requested; it is on its way to Bank GB …5432.")
                .contains("<p class=\"stat-value\">$28.25</p>")
                .contains("<td class=\"num\">$20.00</td>")
                .contains("<td>requested</td>");

        payouts.useStripeConnect(creator.campaignId(), "acct_pagePaid0001", false);
        String paid = browser.follow(browser.post("/dashboard/payouts", "currency", "USD", "amount", ""))
                .getContentAsString();
        assertThat(paid)
                .contains("Paid out $28.25 to Stripe acct_pagePaid0001.")
                .contains("<p class=\"stat-value\">$0.00</p>");
    }

    @Test
    void aDoubleSubmittedPayoutFormMakesOnePayout() throws Exception {
        clock.freezeAt(Instant.parse("2094-03-10T12:00:00Z"));
        Creator creator = fixtures.withFiftyAvailable("page-double");
        fixtures.withBankAccount(creator);
        MockVisitor browser = signedIn(creator.user());
        String form = browser.get("/dashboard/payouts").getContentAsString();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile(
                        "name=\"requestToken\" value=\"([0-9a-f-]{36})\"")
                .matcher(form);
        assertThat(token.find()).isTrue();

        MockHttpServletResponse first =
                browser.post("/dashboard/payouts", "amount", "20", "requestToken", token.group(1));
        MockHttpServletResponse second =
                browser.post("/dashboard/payouts", "amount", "20", "requestToken", token.group(1));

        assertThat(first.getRedirectedUrl()).isEqualTo("/dashboard/payouts");
        assertThat(second.getRedirectedUrl()).isEqualTo("/dashboard/payouts");
        assertThat(payouts.of(creator.campaignId())).hasSize(1);
        assertThat(payouts.available(creator.campaignId())).containsEntry("USD", 2825L);
        assertThat(browser.get("/dashboard/payouts").getContentAsString())
                .doesNotContain("name=\"requestToken\" value=\"" + token.group(1) + "\"");
    }

    @Test
    void aRefusedConnectPayoutSaysTheMoneyIsBack() throws Exception {
        clock.freezeAt(Instant.parse("2094-03-10T12:00:00Z"));
        Creator creator = fixtures.withFiftyAvailable("page-refused");
        payouts.useStripeConnect(creator.campaignId(), "acct_pagefail0001", false);
        MockVisitor browser = signedIn(creator.user());

        String page = browser.follow(browser.post("/dashboard/payouts", "amount", "25"))
                .getContentAsString();

        assertThat(page)
                .contains("The payout failed and the money is back in your balance:"
                        + " the sandbox refuses payouts to acct_pagefail0001")
                .contains("<p class=\"stat-value\">$48.25</p>")
                .contains("failed (the sandbox refuses payouts to acct_pagefail0001)");
    }

    @Test
    void eachCreatorSeesOnlyTheirOwnPayoutsAndPatronsAndStrangersSeeNone() throws Exception {
        clock.freezeAt(Instant.parse("2094-04-10T12:00:00Z"));
        Creator owner = fixtures.withBankAccount(fixtures.withFiftyAvailable("page-owner"));
        Payout payout = payouts.request(owner.campaignId(), "USD", "12.34");
        Creator other = fixtures.creator("page-other");

        String othersPage = signedIn(other.user()).get("/dashboard/payouts").getContentAsString();
        assertThat(othersPage)
                .contains("No payouts yet.")
                .doesNotContain("$12.34")
                .doesNotContain("$35.91")
                .doesNotContain("GB …5432");
        MockVisitor otherCreator = signedIn(other.user());
        assertThat(otherCreator
                        .post("/admin/payouts/" + payout.id() + "/sent", "reference", "mine now")
                        .getStatus())
                .isEqualTo(403);
        assertThat(otherCreator
                        .post("/admin/payouts/" + payout.id() + "/failed", "reason", "mine now")
                        .getStatus())
                .isEqualTo(403);
        assertThat(payouts.require(payout.id()).status()).isEqualTo("REQUESTED");

        MockVisitor patron = signedIn(users.patron());
        MockHttpServletResponse patronsView = patron.get("/dashboard/payouts");
        assertThat(patronsView.getStatus()).as("a patron has no workspace").isEqualTo(404);
        assertThat(patronsView.getContentAsString()).doesNotContain("$12.34");
        assertThat(patron.post("/dashboard/payouts", "amount", "10").getStatus())
                .isEqualTo(404);
        assertThat(new MockVisitor(mvc).get("/dashboard/payouts").getRedirectedUrl())
                .endsWith("/login");
        assertThat(signedIn(owner.user()).get("/dashboard/payouts").getContentAsString())
                .contains("<td class=\"num\">$12.34</td>")
                .contains("Your balance: <strong>$35.91</strong>");
    }

    private MockVisitor signedIn(User user) throws Exception {
        MockVisitor browser = new MockVisitor(mvc);
        assertThat(browser.signIn(user.email(), TestUsers.PASSWORD).getStatus()).isEqualTo(302);
        return browser;
    }
}
