package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.billing.BillingProblems.PaymentNotRefundable;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.money.Money;
import org.maecenas.payments.GatewayEvents;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.SandboxSwitch.RefundBehaviour;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.posts.Post;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.MutableClock;
import org.maecenas.web.InvalidInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A creator refunds lines of a patron's recent payments: the reversing entry to the unit, the
 * platform's fee returned exactly, the limits (what is left, the last 3 payments, 90 days, their own
 * patrons), a lost gateway answer, refunds made at the gateway, and two refunds at once.
 *
 * <p>Runs in 2101–2102 with its own creators and patrons. Every creator here pays a platform fee of
 * 7.5% (750 basis points): on a $10.01 line that is $0.75 (750.75 rounds down), and the sandbox's
 * processing fee is 2.9% + 30 = $0.59, so the creator nets $8.67.
 */
@MaecenasTest
class RefundsTests {

    private static final int FEE_BPS = 750;

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    MoneyFixtures money;

    @Autowired
    Refunds refunds;

    @Autowired
    BillingDays days;

    @Autowired
    Checkout checkout;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    CreatorStatements statements;

    @Autowired
    MutableClock clock;

    @Autowired
    MockMvc mvc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @AfterEach
    void reset() {
        clock.reset();
        fixtures.switches().reset();
    }

    /** A monthly creator with the 7.5% fee, and a patron who joined at $10.01. */
    private record Paid(Creator creator, User patron, long invoice, long line) {}

    private Paid joinedAt(String name, Instant at) {
        clock.freezeAt(at);
        Creator creator = fixtures.creator(name, "USD", BillingModel.MONTHLY, 0);
        money.platformFee(creator, FEE_BPS);
        User patron = fixtures.patron(name + "-patron");
        fixtures.join(patron, creator, "10.01", Cadence.MONTHLY, null, money.card(patron, GOOD_CARD));
        long invoice = money.latestInvoice(patron);
        assertThat(money.platformFeeOf(invoice)).isEqualTo(75);
        return new Paid(creator, patron, invoice, money.lines(invoice).getFirst());
    }

    private Refunds.Outcome refund(Paid paid, String amount) {
        return refunds.refund(
                paid.creator().campaignId(),
                paid.patron().id().value(),
                paid.line(),
                amount,
                paid.creator().user().id().value());
    }

    private String refundReference(long lineId, int index) {
        return "refund-" + money.refundIdsOfLine(lineId).get(index);
    }

    @Test
    void aWholeLineRefundReversesItsSettlementToTheUnitAndMailsThePatronOnce() {
        Paid paid = joinedAt("refund-whole", Instant.parse("2101-01-10T10:00:00Z"));
        assertThat(fixtures.balance(paid.creator())).containsEntry("USD", 867L);

        Refunds.Outcome outcome = refund(paid, "");

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.message()).isEqualTo("$10.01 refunded.");
        assertThat(money.refundsOfLine(paid.line())).containsExactly("SUCCEEDED 1001");
        assertThat(money.sandboxRefunds(money.chargeOf(paid.invoice()))).containsExactly("SUCCEEDED 1001");
        String reference = refundReference(paid.line(), 0);
        assertThat(money.kindOf(reference)).isEqualTo("REFUND");
        assertThat(money.legs(reference))
                .isEqualTo(Map.of(
                        "gateway-clearing:sandbox",
                        -1001L,
                        "creator-balance:" + paid.creator().campaignId(),
                        926L,
                        "platform-fees",
                        75L));
        // the processing fee stays with the creator: their balance goes below zero
        assertThat(fixtures.balance(paid.creator())).containsEntry("USD", -59L);
        assertThat(refunds.refundable(
                                paid.creator().campaignId(), paid.patron().id().value())
                        .getFirst()
                        .lines()
                        .getFirst()
                        .left())
                .isEqualTo(Money.of(0, "USD"));

        String mail = "refund:" + money.refundIdsOfLine(paid.line()).getFirst();
        money.awaitMail(mail);
        assertThat(money.outboxBody(mail)).contains("$10.01 has been refunded to your card");
        assertThatThrownBy(() -> refund(paid, "0.01"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("This line is already refunded in full.");
        assertThat(money.outbox(mail)).isEqualTo(1);
        // the month's statement: $10.01 gross, $9.26 refunded out of the creator's balance
        assertThat(statements.month(paid.creator().campaignId(), java.time.YearMonth.of(2101, 1)))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.gross()).isEqualTo(1001);
                    assertThat(s.refunds()).isEqualTo(926);
                    assertThat(s.balance()).isEqualTo(-59);
                });
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void partialRefundsSummingToTheLineReturnExactlyThePlatformFeeItTook() {
        Paid paid = joinedAt("refund-parts", Instant.parse("2101-01-11T10:00:00Z"));

        assertThat(refund(paid, "0.06").message()).isEqualTo("$0.06 refunded.");
        assertThat(refund(paid, "0.06").message()).isEqualTo("$0.06 refunded.");
        assertThatThrownBy(() -> refund(paid, "9.90"))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).errors().get("amount"))
                        .isEqualTo("You can refund at most $9.89 of this line (it was $10.01)."));
        assertThatThrownBy(() -> refund(paid, "0"))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e ->
                        assertThat(((InvalidInput) e).errors().get("amount")).isEqualTo("Enter an amount above zero."));
        for (String malformed : List.of("-1", "abc", "1.234", "1e3")) {
            assertThatThrownBy(() -> refund(paid, malformed))
                    .as(malformed)
                    .isInstanceOf(InvalidInput.class)
                    .satisfies(e -> assertThat(((InvalidInput) e).errors().get("amount"))
                            .isEqualTo("Enter an amount like 5 or 5.00."));
        }
        assertThat(refund(paid, "").message()).isEqualTo("$9.89 refunded.");

        assertThat(money.refundsOfLine(paid.line())).containsExactly("SUCCEEDED 6", "SUCCEEDED 6", "SUCCEEDED 989");
        // 7.5% of the refunded total so far, less what was returned before: 0 (of 6), 1 (of 12), 74 (of 1001)
        List<Long> platformShares = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            platformShares.add(money.legs(refundReference(paid.line(), i)).getOrDefault("platform-fees", 0L));
        }
        assertThat(platformShares).containsExactly(0L, 1L, 74L);
        assertThat(platformShares.stream().mapToLong(Long::longValue).sum())
                .isEqualTo(money.platformFeeOf(paid.invoice()));
        assertThat(money.sandboxRefunds(money.chargeOf(paid.invoice())))
                .containsExactly("SUCCEEDED 6", "SUCCEEDED 6", "SUCCEEDED 989");
        assertThat(fixtures.balance(paid.creator())).containsEntry("USD", -59L);
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void thePlatformFeeReturnedStaysExactWhenRefundAnswersComeLateOrNever() {
        Paid paid = joinedAt("refund-late", Instant.parse("2101-01-12T10:00:00Z"));

        fixtures.switches().nextRefund(RefundBehaviour.LOST_RESPONSE);
        refund(paid, "0.06"); // refunded at the gateway, answer lost
        fixtures.switches().nextRefund(RefundBehaviour.TIMEOUT);
        refund(paid, "0.06"); // never reached the gateway
        assertThat(refund(paid, "0.06").accepted()).isTrue();
        refunds.resolveAll();
        assertThat(money.refundsOfLine(paid.line())).containsExactly("SUCCEEDED 6", "FAILED 6", "SUCCEEDED 6");
        assertThat(refund(paid, "").message()).isEqualTo("$9.89 refunded.");

        List<Long> refunded = money.refundIdsOfLine(paid.line());
        long platformReturned = 0;
        for (long id : List.of(refunded.get(0), refunded.get(2), refunded.get(3))) {
            platformReturned += money.legs("refund-" + id).getOrDefault("platform-fees", 0L);
        }
        assertThat(platformReturned)
                .isEqualTo(money.platformFeeOf(paid.invoice()))
                .isEqualTo(75);
        assertThat(fixtures.balance(paid.creator())).containsEntry("USD", -59L);
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aRefundReturnsThePlatformFeeThePaymentPaidEvenAfterTheRateChanged() {
        Paid paid = joinedAt("refund-rate", Instant.parse("2101-01-13T10:00:00Z"));
        money.platformFee(paid.creator(), 200); // the operator lowers this creator's fee to 2% afterwards

        assertThat(refund(paid, "5").accepted()).isTrue();
        assertThat(refund(paid, "").accepted()).isTrue();

        List<Long> ids = money.refundIdsOfLine(paid.line());
        assertThat(money.legs("refund-" + ids.get(0))).containsEntry("platform-fees", 37L); // 75 × 500/1001
        assertThat(money.legs("refund-" + ids.get(1))).containsEntry("platform-fees", 38L);
        assertThat(fixtures.balance(paid.creator())).containsEntry("USD", -59L);
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aBillingDaysLineKeepsThePlatformFeeItPaidWhenTheRateChangesBeforeItsRefund() {
        Joint joint = jointInvoice("refund-day-rate", LocalDate.of(2101, 11, 1));
        assertThat(money.platformFeeOf(joint.invoice())).isEqualTo(53 + 23); // 7.5% of $7.00 and of $3.00
        money.platformFee(joint.first(), 200); // the operator lowers this creator's fee to 2% afterwards

        assertThat(refunds.refund(
                                joint.first().campaignId(),
                                joint.patron().id().value(),
                                joint.firstLine(),
                                "",
                                joint.first().user().id().value())
                        .accepted())
                .isTrue();

        assertThat(money.legs(
                        "refund-" + money.refundIdsOfLine(joint.firstLine()).getFirst()))
                .as("the fee the line paid, not 2% of it")
                .containsEntry("platform-fees", 53L);
        assertThat(invariants.check().failures()).isEmpty();
    }

    /** Two per-creation creators in dollars, one patron of both: one invoice with a $7.00 and a $3.00 line. */
    private record Joint(Creator first, Creator second, User patron, long invoice, long firstLine, long secondLine) {}

    private Joint jointInvoice(String name, LocalDate billingDay) {
        clock.freezeAt(billingDay.minusMonths(1).atTime(9, 0).toInstant(java.time.ZoneOffset.UTC));
        Creator first = fixtures.creator(name + "-a", "USD", BillingModel.PER_CREATION, 0);
        Creator second = fixtures.creator(name + "-b", "USD", BillingModel.PER_CREATION, 0);
        money.platformFee(first, FEE_BPS);
        money.platformFee(second, FEE_BPS);
        User patron = fixtures.patron(name + "-patron");
        PaymentMethod card = money.card(patron, GOOD_CARD);
        fixtures.join(patron, first, "7", Cadence.PER_CREATION, null, card);
        fixtures.join(patron, second, "3", Cadence.PER_CREATION, null, card);
        clock.advance(Duration.ofDays(2));
        Post a = fixtures.paidPost(first, name + " episode");
        Post b = fixtures.paidPost(second, name + " episode");
        fixtures.awaitAccruals(a, 1);
        fixtures.awaitAccruals(b, 1);
        clock.freezeAt(billingDay.atTime(0, 30).toInstant(java.time.ZoneOffset.UTC));
        days.run(billingDay);
        long invoice = money.latestInvoice(patron);
        assertThat(fixtures.bills(patron).getLast())
                .isEqualTo(new BillingFixtures.Bill(billingDay, "BILLING_DAY", "USD", 1000, "PAID", 2));
        List<Long> lines = money.lines(invoice);
        clock.advance(Duration.ofHours(1));
        return new Joint(first, second, patron, invoice, lines.get(0), lines.get(1));
    }

    @Test
    void eachCreatorRefundsOnlyTheirOwnLineOfAnInvoiceTheyShare() {
        Joint joint = jointInvoice("refund-joint", LocalDate.of(2101, 2, 1));
        long patron = joint.patron().id().value();
        Map<String, Long> secondBefore = fixtures.balance(joint.second());

        assertThat(refunds.refundable(joint.first().campaignId(), patron))
                .singleElement()
                .satisfies(p -> assertThat(p.lines())
                        .extracting(Refunds.RefundableLine::lineId)
                        .containsExactly(joint.firstLine()));
        assertThatThrownBy(() -> refunds.refund(
                        joint.first().campaignId(),
                        patron,
                        joint.secondLine(),
                        "1",
                        joint.first().user().id().value()))
                .isInstanceOf(PaymentNotRefundable.class);
        assertThat(refunds.refund(
                                joint.first().campaignId(),
                                patron,
                                joint.firstLine(),
                                "",
                                joint.first().user().id().value())
                        .message())
                .isEqualTo("$7.00 refunded.");

        assertThat(money.refundsOfLine(joint.firstLine())).containsExactly("SUCCEEDED 700");
        assertThat(money.refundsOfLine(joint.secondLine())).isEmpty();
        assertThat(fixtures.balance(joint.second())).isEqualTo(secondBefore);
        assertThat(money.legs(refundReference(joint.firstLine(), 0)))
                .isEqualTo(Map.of(
                        "gateway-clearing:sandbox",
                        -700L,
                        "creator-balance:" + joint.first().campaignId(),
                        647L,
                        "platform-fees",
                        53L)); // 7.5% of $7.00 is 52.5, rounded half up

        assertThat(refunds.refund(
                                joint.second().campaignId(),
                                patron,
                                joint.secondLine(),
                                "2.50",
                                joint.second().user().id().value())
                        .message())
                .isEqualTo("$2.50 refunded.");
        assertThat(money.sandboxRefunds(money.chargeOf(joint.invoice())))
                .containsExactly("SUCCEEDED 700", "SUCCEEDED 250");
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void onlyThePatronsLastThreePaymentsToTheCreatorCanBeRefunded() {
        clock.freezeAt(Instant.parse("2101-03-05T10:00:00Z"));
        Creator creator = fixtures.creator("refund-last3", "USD", BillingModel.MONTHLY, 0);
        User patron = fixtures.patron("refund-last3-patron");
        Pledge pledge = fixtures.join(patron, creator, "5", Cadence.MONTHLY, null, money.card(patron, GOOD_CARD));
        long join = money.latestInvoice(patron);
        for (String amount : List.of("6", "7", "8")) { // each upgrade pays the difference now: $1.00
            clock.advance(Duration.ofMinutes(5));
            Checkout.Outcome2 upgraded =
                    checkout.change(patron.id(), pledge.id(), null, amount, null, creator.campaign());
            assertThat(upgraded.ok()).as(upgraded.message()).isTrue();
        }
        List<Refunds.RefundablePayment> refundable =
                refunds.refundable(creator.campaignId(), patron.id().value());
        assertThat(refundable).hasSize(3).noneMatch(p -> p.invoiceId() == join);
        assertThat(refundable).extracting(p -> p.lines().getFirst().paid()).containsOnly(Money.of(100, "USD"));

        long oldestLine = money.lines(join).getFirst();
        assertThatThrownBy(() -> refunds.refund(
                        creator.campaignId(),
                        patron.id().value(),
                        oldestLine,
                        "",
                        creator.user().id().value()))
                .isInstanceOf(PaymentNotRefundable.class);
        long thirdLine = refundable.getLast().lines().getFirst().lineId();
        assertThat(refunds.refund(
                                creator.campaignId(),
                                patron.id().value(),
                                thirdLine,
                                "",
                                creator.user().id().value())
                        .accepted())
                .isTrue();
        assertThat(money.refundsOfLine(oldestLine)).isEmpty();
        assertThat(money.refundsOfLine(thirdLine)).containsExactly("SUCCEEDED 100");
    }

    @Test
    void aPaymentOlderThan90DaysCannotBeRefunded() {
        Instant paidAt = Instant.parse("2101-04-01T10:00:00Z");
        Paid paid = joinedAt("refund-old", paidAt);

        clock.freezeAt(paidAt.plus(Duration.ofDays(91)));
        assertThat(refunds.refundable(
                        paid.creator().campaignId(), paid.patron().id().value()))
                .isEmpty();
        assertThatThrownBy(() -> refund(paid, "1")).isInstanceOf(PaymentNotRefundable.class);
        assertThat(money.refundsOfLine(paid.line())).isEmpty();

        clock.freezeAt(paidAt.plus(Duration.ofDays(89)));
        assertThat(refund(paid, "1").accepted()).isTrue();
        assertThat(money.refundsOfLine(paid.line())).containsExactly("SUCCEEDED 100");
    }

    @Test
    void anotherCreatorsPatronIsNotFoundOnTheDashboard() throws Exception {
        Paid paid = joinedAt("refund-web", Instant.parse("2101-05-10T10:00:00Z"));
        clock.reset(); // sessions and sign-in run on real time
        Creator stranger = fixtures.creator("refund-stranger", "USD", BillingModel.MONTHLY, 0);
        long patron = paid.patron().id().value();

        MockVisitor owner = MockVisitor.signedIn(mvc, paid.creator().user());
        assertThat(owner.get("/dashboard/patrons/" + patron).getContentAsString())
                .contains("<td class=\"num\">$10.01</td>")
                .contains("name=\"line\" value=\"" + paid.line() + "\"");
        MockVisitor other = MockVisitor.signedIn(mvc, stranger.user());
        assertThat(other.get("/dashboard/patrons/" + patron).getStatus()).isEqualTo(404);
        assertThat(other.post(
                                "/dashboard/patrons/" + patron + "/refunds",
                                "line",
                                String.valueOf(paid.line()),
                                "amount",
                                "1")
                        .getStatus())
                .isEqualTo(404);
        assertThat(money.refundsOfLine(paid.line())).isEmpty();

        var refused = owner.post(
                "/dashboard/patrons/" + patron + "/refunds", "line", String.valueOf(paid.line()), "amount", "11");
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString())
                .contains("You can refund at most $10.01 of this line (it was $10.01).");
        var done = owner.post(
                "/dashboard/patrons/" + patron + "/refunds", "line", String.valueOf(paid.line()), "amount", "1");
        assertThat(done.getStatus()).isEqualTo(302);
        assertThat(owner.follow(done).getContentAsString()).contains("$1.00 refunded.");
        assertThat(money.refundsOfLine(paid.line())).containsExactly("SUCCEEDED 100");
        assertThat(owner.get("/dashboard/refunds").getContentAsString()).contains("$1.00");
        assertThat(other.get("/dashboard/refunds").getContentAsString()).doesNotContain("$1.00");
    }

    @Test
    void aLostRefundAnswerIsResolvedOnceByKeyAndNeverRefundedTwiceAtTheGateway() {
        Paid paid = joinedAt("refund-lost", Instant.parse("2101-06-10T10:00:00Z"));
        String charge = money.chargeOf(paid.invoice());

        fixtures.switches().nextRefund(RefundBehaviour.LOST_RESPONSE);
        Refunds.Outcome lost = refund(paid, "4");
        assertThat(lost.accepted()).isFalse();
        assertThat(lost.message()).contains("didn’t answer");
        assertThat(money.refundsOfLine(paid.line())).containsExactly("UNKNOWN 400");
        assertThat(money.sandboxRefunds(charge)).containsExactly("SUCCEEDED 400");
        assertThat(money.entries(refundReference(paid.line(), 0))).isZero();
        // what is in doubt counts as refunded: nothing may be refunded beyond it meanwhile
        assertThatThrownBy(() -> refund(paid, "6.02")).isInstanceOf(InvalidInput.class);

        refunds.resolveAll();
        refunds.resolveAll();

        assertThat(money.refundsOfLine(paid.line())).containsExactly("SUCCEEDED 400");
        assertThat(money.entries(refundReference(paid.line(), 0))).isEqualTo(1);
        assertThat(money.sandboxRefunds(charge)).containsExactly("SUCCEEDED 400");
        money.awaitMail("refund:" + money.refundIdsOfLine(paid.line()).getFirst());

        // a timeout before the gateway refunded anything: found to have failed, the amount is left again
        fixtures.switches().nextRefund(RefundBehaviour.TIMEOUT);
        assertThat(refund(paid, "5").accepted()).isFalse();
        assertThat(money.refundsOfLine(paid.line())).containsExactly("SUCCEEDED 400", "UNKNOWN 500");
        refunds.resolveAll();
        assertThat(money.refundsOfLine(paid.line())).containsExactly("SUCCEEDED 400", "FAILED 500");
        assertThat(money.entries(refundReference(paid.line(), 1))).isZero();
        assertThat(money.sandboxRefunds(charge)).containsExactly("SUCCEEDED 400");
        assertThat(refund(paid, "").message()).isEqualTo("$6.01 refunded.");
        assertThat(money.sandboxRefunds(charge)).containsExactly("SUCCEEDED 400", "SUCCEEDED 601");
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aRefundMadeAtTheGatewayIsRecordedOnceSpreadOverTheLinesWhateverIsRepeated() {
        Joint joint = jointInvoice("refund-external", LocalDate.of(2101, 9, 1));
        String charge = money.chargeOf(joint.invoice());
        String refundId = "re_ext_" + joint.invoice();
        // the processor's dashboard refunded $1.01 of the $10.00 charge; its book has it
        money.jdbc()
                .sql("""
                        insert into sandbox_refunds (idempotency_key, refund_id, charge_id, amount_minor, currency,
                               outcome, message, created_at)
                        values (:key, :refund, :charge, 101, 'USD', 'SUCCEEDED', 'Refunded.', now())
                        """)
                .param("key", "dashboard-" + refundId)
                .param("refund", refundId)
                .param("charge", charge)
                .update();
        GatewayEvents.RefundMade made = new GatewayEvents.RefundMade("sandbox", charge, refundId, Money.of(101, "USD"));

        for (int i = 0; i < 3; i++) { // told three times, handled concurrently
            transactions.executeWithoutResult(tx -> events.publishEvent(made));
        }
        awaitHandled(refundId, 3);

        // 101 split 70:30 is 70.7 and 30.3: the unit left over goes to the larger remainder
        assertThat(money.refundsOfLine(joint.firstLine())).containsExactly("SUCCEEDED 71");
        assertThat(money.refundsOfLine(joint.secondLine())).containsExactly("SUCCEEDED 30");
        long refundOfFirst = money.refundIdsOfLine(joint.firstLine()).getFirst();
        assertThat(money.legs("refund-" + refundOfFirst))
                .isEqualTo(Map.of(
                        "gateway-clearing:sandbox",
                        -71L,
                        "creator-balance:" + joint.first().campaignId(),
                        66L,
                        "platform-fees",
                        5L));
        assertThat(refunds.refundable(
                                joint.first().campaignId(), joint.patron().id().value())
                        .getFirst()
                        .lines()
                        .getFirst()
                        .left())
                .isEqualTo(Money.of(629, "USD"));
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void theGatewayTellingOfOurOwnRefundWhoseAnswerWasLostSettlesItOnce() {
        Paid paid = joinedAt("refund-told", Instant.parse("2101-08-10T10:00:00Z"));
        String charge = money.chargeOf(paid.invoice());
        fixtures.switches().nextRefund(RefundBehaviour.LOST_RESPONSE);
        refund(paid, "2.50");
        String refundId = money.jdbc()
                .sql("select refund_id from sandbox_refunds where charge_id = :c")
                .param("c", charge)
                .query(String.class)
                .single();

        // the processor's webhook for it arrives before the janitor has asked
        GatewayEvents.RefundMade made = new GatewayEvents.RefundMade("sandbox", charge, refundId, Money.of(250, "USD"));
        transactions.executeWithoutResult(tx -> events.publishEvent(made));
        awaitHandled(refundId, 1);

        assertThat(money.refundsOfLine(paid.line())).containsExactly("SUCCEEDED 250");
        assertThat(money.entries(refundReference(paid.line(), 0))).isEqualTo(1);
        refunds.resolveAll();
        assertThat(money.refundsOfLine(paid.line())).containsExactly("SUCCEEDED 250");
        assertThat(money.sandboxRefunds(charge)).containsExactly("SUCCEEDED 250");
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void twoSimultaneousRefundsOfOneLineRefundAtMostWhatIsLeft() throws Exception {
        Paid paid = joinedAt("refund-race", Instant.parse("2101-07-10T10:00:00Z"));
        CountDownLatch start = new CountDownLatch(1);
        Callable<String> submit = () -> {
            start.await();
            try {
                return refund(paid, "6.00").message();
            } catch (InvalidInput refused) {
                return refused.errors().get("amount");
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> one = pool.submit(submit);
            Future<String> two = pool.submit(submit);
            start.countDown();
            assertThat(List.of(one.get(), two.get()))
                    .containsExactlyInAnyOrder(
                            "$6.00 refunded.", "You can refund at most $4.01 of this line (it was $10.01).");
        } finally {
            pool.shutdown();
        }
        assertThat(money.refundsOfLine(paid.line())).containsExactly("SUCCEEDED 600");
        assertThat(money.sandboxRefunds(money.chargeOf(paid.invoice()))).containsExactly("SUCCEEDED 600");
        assertThat(invariants.check().failures()).isEmpty();
    }

    /** Waits until the refund listener has handled every delivery of this gateway refund, and succeeded. */
    private void awaitHandled(String gatewayRefundId, int deliveries) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(money.jdbc()
                                .sql("""
                                        select count(*) filter (where completion_date is not null) || '/' || count(*)
                                          from event_publication
                                         where listener_id like '%Refunds%' and serialized_event like :id
                                        """)
                                .param("id", "%" + gatewayRefundId + "%")
                                .query(String.class)
                                .single())
                        .isEqualTo(deliveries + "/" + deliveries));
    }
}
