package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.SandboxBank;
import org.maecenas.payments.SandboxCards;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Payments the patron's bank wants confirmed: a join waits (for a day at most) for the patron to
 * confirm or refuse on the authenticate page; a renewal counts as a failed try and, at its next
 * retry, the waiting charge is given up and one new attempt made. Runs in 2104 with its own people.
 */
@MaecenasTest
class AuthenticationTests {

    static final String AUTH_CARD = "4000002500003155";

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    MoneyFixtures money;

    @Autowired
    Collections collections;

    @Autowired
    BillingDays days;

    @Autowired
    SandboxBank bank;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @Autowired
    MockMvc mvc;

    @AfterEach
    void reset() {
        clock.reset();
        fixtures.switches().reset();
    }

    private record Waiting(Creator creator, User patron, Checkout.Outcome2 joined, long invoice) {}

    /** A patron joins a $10.00 monthly membership with the card whose bank asks for confirmation. */
    private Waiting joinWaiting(String name, Instant at) {
        clock.freezeAt(at);
        Creator creator = fixtures.creator(name, "USD", BillingModel.MONTHLY, 0);
        User patron = fixtures.patron(name + "-patron");
        PaymentMethod card = money.card(patron, AUTH_CARD);
        Checkout.Outcome2 joined = fixtures.joinAllowingFailure(patron, creator, "10", Cadence.MONTHLY, null, card);
        return new Waiting(creator, patron, joined, money.latestInvoice(patron));
    }

    private List<String> attempts(long invoice) {
        return money.jdbc()
                .sql("select status || ' ' || coalesce(decline_code, '-') from payment_attempts where invoice_id = :i"
                        + " order by attempt_no")
                .param("i", invoice)
                .query(String.class)
                .list();
    }

    /** The sandbox's charges of an invoice's attempts, "OUTCOME decline-code", by attempt. */
    private List<String> sandboxCharges(long invoice) {
        return money.jdbc().sql("""
                        select s.outcome || ' ' || coalesce(s.decline_code, '-') from sandbox_charges s
                          join payment_attempts a on a.idempotency_key = s.idempotency_key
                         where a.invoice_id = :i order by a.attempt_no
                        """).param("i", invoice).query(String.class).list();
    }

    private String invoiceStatus(long invoice) {
        return money.jdbc()
                .sql("select status from invoices where id = :i")
                .param("i", invoice)
                .query(String.class)
                .single();
    }

    /** Requests to confirm this invoice's payment that were sent (a billing day's come in its chunk's batch). */
    private int authenticationMails(long invoice) {
        return money.jdbc()
                .sql(
                        "select count(*) from dev_mailbox where subject like 'Please confirm your payment%' and body like :link")
                .param("link", "%/settings/billing/invoices/" + invoice + "/authenticate%")
                .query(Integer.class)
                .single();
    }

    private String authenticationMail(long invoice) {
        return money.jdbc()
                .sql("""
                        select body from dev_mailbox where subject like 'Please confirm your payment%' and body like :link
                         order by id desc limit 1
                        """)
                .param("link", "%/settings/billing/invoices/" + invoice + "/authenticate%")
                .query(String.class)
                .single();
    }

    private void awaitAuthenticationMails(long invoice, int count) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(authenticationMails(invoice)).isEqualTo(count));
    }

    @Test
    void aJoinWhoseBankAsksForConfirmationWaitsAndMailsTheLink() {
        Waiting waiting = joinWaiting("auth-join", Instant.parse("2104-01-05T10:00:00Z"));
        String path = "/settings/billing/invoices/" + waiting.invoice() + "/authenticate";

        assertThat(waiting.joined().ok()).isFalse();
        assertThat(waiting.joined().pending()).isTrue();
        assertThat(waiting.joined().message())
                .isEqualTo("Your bank asks you to confirm this payment. Your membership starts as soon as you do.");
        assertThat(waiting.joined().next()).isEqualTo(path);
        assertThat(fixtures.pledge(waiting.joined().pledge().id()).status()).isEqualTo(Pledge.Status.INCOMPLETE);
        assertThat(invoiceStatus(waiting.invoice())).isEqualTo("OPEN");
        assertThat(attempts(waiting.invoice())).containsExactly("REQUIRES_ACTION authentication_required");
        assertThat(sandboxCharges(waiting.invoice())).containsExactly("REQUIRES_ACTION authentication_required");
        awaitAuthenticationMails(waiting.invoice(), 1);
        assertThat(authenticationMail(waiting.invoice()))
                .contains("Your bank asks you to confirm the payment of $10.00")
                .contains("http://localhost" + path);
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void confirmingOnTheAuthenticatePagePaysOnceAndStartsTheMembership() throws Exception {
        Waiting waiting = joinWaiting("auth-confirm", Instant.parse("2104-01-06T10:00:00Z"));
        clock.reset(); // sessions run on real time
        MockVisitor patron = MockVisitor.signedIn(mvc, waiting.patron());
        String path = "/settings/billing/invoices/" + waiting.invoice() + "/authenticate";

        assertThat(patron.get(path).getContentAsString())
                .contains("Your bank asks you to confirm the payment of <strong>$10.00</strong>")
                .contains("<button type=\"submit\" name=\"decision\" value=\"confirm\"")
                .contains("<button type=\"submit\" name=\"decision\" value=\"refuse\"");
        MockHttpServletResponse confirmed = patron.post(path, "decision", "confirm");
        assertThat(confirmed.getStatus()).isEqualTo(302);
        assertThat(patron.follow(confirmed).getContentAsString()).contains("Payment confirmed. Thank you!");

        assertThat(fixtures.pledge(waiting.joined().pledge().id()).status()).isEqualTo(Pledge.Status.ACTIVE);
        assertThat(invoiceStatus(waiting.invoice())).isEqualTo("PAID");
        assertThat(attempts(waiting.invoice())).containsExactly("SUCCEEDED -");
        assertThat(sandboxCharges(waiting.invoice())).containsExactly("SUCCEEDED -");
        assertThat(fixtures.gatewayCharges(waiting.patron())).isEqualTo(1);
        assertThat(fixtures.balance(waiting.creator())).containsEntry("USD", 1000L - 59L);
        assertThat(patron.post(path, "decision", "confirm").getStatus()).isEqualTo(302);
        assertThat(attempts(waiting.invoice())).containsExactly("SUCCEEDED -");
        assertThat(patron.get(path).getContentAsString()).contains("Nothing to confirm");
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aJoinConfirmedAfterTheCreatorsRateChangedPaysThePlatformFeeOfItsInvoice() throws Exception {
        clock.freezeAt(Instant.parse("2104-02-06T10:00:00Z"));
        Creator creator = fixtures.creator("auth-rate", "USD", BillingModel.MONTHLY, 0);
        money.platformFee(creator, 750);
        User member = fixtures.patron("auth-rate-patron");
        fixtures.joinAllowingFailure(member, creator, "10", Cadence.MONTHLY, null, money.card(member, AUTH_CARD));
        long invoice = money.latestInvoice(member);
        money.platformFee(creator, 200); // the operator lowers the rate while the bank waits for the patron
        clock.reset(); // sessions run on real time
        MockVisitor patron = MockVisitor.signedIn(mvc, member);

        assertThat(patron.post("/settings/billing/invoices/" + invoice + "/authenticate", "decision", "confirm")
                        .getStatus())
                .isEqualTo(302);

        assertThat(invoiceStatus(invoice)).isEqualTo("PAID");
        assertThat(money.platformFeeOf(invoice))
                .as("7.5% of $10.00, as when the invoice was made")
                .isEqualTo(75);
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void refusingFailsTheJoinAndChargesNothing() throws Exception {
        Waiting waiting = joinWaiting("auth-refuse", Instant.parse("2104-01-07T10:00:00Z"));
        clock.reset();
        MockVisitor patron = MockVisitor.signedIn(mvc, waiting.patron());
        String path = "/settings/billing/invoices/" + waiting.invoice() + "/authenticate";

        MockHttpServletResponse refused = patron.post(path, "decision", "refuse");
        assertThat(refused.getStatus()).isEqualTo(302);
        assertThat(patron.follow(refused).getContentAsString())
                .contains("You refused the payment; nothing was charged.");

        assertThat(fixtures.pledge(waiting.joined().pledge().id()).status()).isEqualTo(Pledge.Status.FAILED);
        assertThat(invoiceStatus(waiting.invoice())).isEqualTo("VOID");
        assertThat(attempts(waiting.invoice())).containsExactly("DECLINED authentication_failed");
        assertThat(sandboxCharges(waiting.invoice())).containsExactly("DECLINED authentication_failed");
        assertThat(fixtures.balance(waiting.creator())).doesNotContainKey("USD");
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aJoinNobodyConfirmsIsGivenUpAfterADay() {
        Waiting waiting = joinWaiting("auth-abandon", Instant.parse("2104-01-08T10:00:00Z"));

        clock.advance(Duration.ofHours(12));
        collections.collect(waiting.invoice()); // not due yet: it keeps waiting
        assertThat(attempts(waiting.invoice())).containsExactly("REQUIRES_ACTION authentication_required");
        assertThat(sandboxCharges(waiting.invoice())).containsExactly("REQUIRES_ACTION authentication_required");

        clock.advance(Duration.ofHours(12).plusMinutes(1));
        collections.collect(waiting.invoice());

        assertThat(attempts(waiting.invoice())).containsExactly("DECLINED authentication_abandoned");
        assertThat(sandboxCharges(waiting.invoice())).containsExactly("DECLINED authentication_abandoned");
        assertThat(invoiceStatus(waiting.invoice())).isEqualTo("VOID");
        assertThat(fixtures.pledge(waiting.joined().pledge().id()).status()).isEqualTo(Pledge.Status.FAILED);
        // confirming after it was given up changes nothing
        bank.completeAuthentication(money.jdbc()
                .sql("select idempotency_key from payment_attempts where invoice_id = :i")
                .param("i", waiting.invoice())
                .query(String.class)
                .single());
        assertThat(sandboxCharges(waiting.invoice())).containsExactly("DECLINED authentication_abandoned");
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aRenewalTheBankWantsConfirmedIsDeclinedAndItsNextRetryReplacesTheWaitingCharge() {
        clock.freezeAt(Instant.parse("2104-03-05T10:00:00Z"));
        Creator creator = fixtures.creator("auth-renewal", "USD", BillingModel.MONTHLY, 0);
        User patron = fixtures.patron("auth-renewal-patron");
        PaymentMethod card = money.card(patron, AUTH_CARD);
        fixtures.switches().next(BillingFixtures.token(AUTH_CARD), SandboxCards.Behaviour.SUCCEED);
        Pledge pledge = fixtures.join(patron, creator, "10", Cadence.MONTHLY, null, card);

        LocalDate renewal = LocalDate.of(2104, 4, 5);
        clock.freezeAt(renewal.atTime(0, 30).toInstant(ZoneOffset.UTC));
        days.run(renewal);
        long invoice = money.latestInvoice(patron);

        assertThat(fixtures.bills(patron).getLast())
                .isEqualTo(new BillingFixtures.Bill(renewal, "BILLING_DAY", "USD", 1000, "OPEN", 1));
        assertThat(attempts(invoice)).containsExactly("REQUIRES_ACTION authentication_required");
        assertThat(fixtures.pledge(pledge.id()).status()).isEqualTo(Pledge.Status.DECLINED);
        awaitAuthenticationMails(invoice, 1);
        // the confirm link, not a decline notice beside it
        org.awaitility.Awaitility.await()
                .during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> money.jdbc()
                                .sql(
                                        "select count(*) from dev_mailbox where recipient = :to and subject like '%didn’t go through'")
                                .param("to", patron.email())
                                .query(Integer.class)
                                .single()
                        == 0);

        clock.advance(Duration.ofHours(12));
        collections.collect(invoice); // before the retry day: the patron may still confirm
        assertThat(attempts(invoice)).containsExactly("REQUIRES_ACTION authentication_required");
        assertThat(sandboxCharges(invoice)).containsExactly("REQUIRES_ACTION authentication_required");

        clock.freezeAt(renewal.plusDays(1).atTime(1, 0).toInstant(ZoneOffset.UTC));
        collections.collect(invoice);

        assertThat(attempts(invoice))
                .containsExactly("DECLINED authentication_abandoned", "REQUIRES_ACTION authentication_required");
        assertThat(sandboxCharges(invoice))
                .containsExactly("DECLINED authentication_abandoned", "REQUIRES_ACTION authentication_required");
        assertThat(invoiceStatus(invoice)).isEqualTo("OPEN");
        awaitAuthenticationMails(invoice, 2);

        // the patron confirms the new one: the renewal is paid once and the membership recovers
        String second = money.jdbc()
                .sql("select idempotency_key from payment_attempts where invoice_id = :i and attempt_no = 2")
                .param("i", invoice)
                .query(String.class)
                .single();
        bank.completeAuthentication(second);
        collections.resolveKey(second);
        assertThat(attempts(invoice)).containsExactly("DECLINED authentication_abandoned", "SUCCEEDED -");
        assertThat(invoiceStatus(invoice)).isEqualTo("PAID");
        assertThat(fixtures.pledge(pledge.id()).status()).isEqualTo(Pledge.Status.ACTIVE);
        assertThat(fixtures.gatewayCharges(patron)).isEqualTo(3); // the join, the given-up one, the paid one
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void anotherPatronsInvoiceHasNoAuthenticatePage() throws Exception {
        Waiting waiting = joinWaiting("auth-other", Instant.parse("2104-01-09T10:00:00Z"));
        clock.reset();
        User stranger = fixtures.patron("auth-stranger");
        MockVisitor other = MockVisitor.signedIn(mvc, stranger);
        String path = "/settings/billing/invoices/" + waiting.invoice() + "/authenticate";

        assertThat(other.get(path).getStatus()).isEqualTo(404);
        assertThat(other.post(path, "decision", "confirm").getStatus()).isEqualTo(404);
        assertThat(attempts(waiting.invoice())).containsExactly("REQUIRES_ACTION authentication_required");
        assertThat(invoiceStatus(waiting.invoice())).isEqualTo("OPEN");
    }
}
