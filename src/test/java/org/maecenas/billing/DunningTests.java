package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maecenas.billing.BillingFixtures.DECLINES_LATER;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;
import static org.maecenas.billing.BillingFixtures.at;
import static org.maecenas.billing.BillingFixtures.sandboxFee;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.SandboxCards;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Memberships;
import org.maecenas.pledges.Pledge;
import org.maecenas.pledges.Standing;
import org.maecenas.posts.Entitlements;
import org.maecenas.posts.Post;
import org.maecenas.posts.Posts;
import org.maecenas.posts.Reader;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A declined bill is retried on days 1, 2, 3, 5, 7 and 10, and the membership is declined meanwhile. */
@MaecenasTest
class DunningTests {

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    BillingDays days;

    @Autowired
    Collections collections;

    @Autowired
    Entitlements entitlements;

    @Autowired
    Memberships memberships;

    @Autowired
    Posts posts;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void reset() {
        clock.reset();
        fixtures.switches().reset();
    }

    @Test
    void aDeclinedBillIsRetriedOnScheduleThenUncollectibleAndANewCardPaysItAndRestoresTheMembership() {
        clock.freezeAt(at("2039-05-10T10:00:00Z"));
        Creator creator = fixtures.creator("dunning", "USD", BillingModel.PER_CREATION, 0);
        User patron = fixtures.patron("dunning-declined");
        Pledge pledge = fixtures.join(
                patron, creator, "4.00", Cadence.PER_CREATION, null, fixtures.card(patron, DECLINES_LATER));
        User other = fixtures.patron("dunning-good");
        fixtures.join(other, creator, "3.00", Cadence.PER_CREATION, null, fixtures.card(other, GOOD_CARD));
        clock.freezeAt(at("2039-05-12T10:00:00Z"));
        Post may = fixtures.paidPost(creator, "May episode");
        fixtures.awaitAccruals(may, 2);
        assertThat(maySee(patron, may)).isTrue();

        Instant firstTry = at("2039-06-01T00:30:00Z");
        clock.freezeAt(firstTry);
        days.run(LocalDate.parse("2039-06-01"));

        long invoice = invoiceOf(patron);
        assertThat(status(invoice)).isEqualTo("OPEN 1 " + firstTry.plus(Duration.ofDays(1)));
        assertThat(fixtures.pledge(pledge.id()).status()).isEqualTo(Pledge.Status.DECLINED);
        assertThat(memberships.standing(patron.id(), creator.campaign().id()).level())
                .isEqualTo(Standing.Level.DECLINED);
        assertThat(maySee(patron, may)).as("patron posts lock").isFalse();
        assertThat(maySee(other, may)).isTrue();

        clock.freezeAt(at("2039-06-05T10:00:00Z"));
        Post june = fixtures.paidPost(creator, "June episode");
        fixtures.awaitAccruals(june, 1);
        assertThat(fixtures.accrualsOf(pledge, "PENDING"))
                .as("a declined membership gets no new accruals")
                .isZero();

        int[] retryDays = {1, 2, 3, 5, 7, 10};
        for (int i = 0; i < retryDays.length; i++) {
            Instant due = firstTry.plus(Duration.ofDays(retryDays[i]));
            clock.freezeAt(due.minusSeconds(1));
            collections.retryDue();
            assertThat(attemptTimes(invoice))
                    .as("not retried before day %d", retryDays[i])
                    .hasSize(i + 1);
            clock.freezeAt(due);
            collections.retryDue();
            assertThat(attemptTimes(invoice))
                    .as("retried on day %d", retryDays[i])
                    .hasSize(i + 2);
            String next = i + 1 < retryDays.length
                    ? "OPEN " + (i + 2) + " " + firstTry.plus(Duration.ofDays(retryDays[i + 1]))
                    : "UNCOLLECTIBLE 7 null";
            assertThat(status(invoice)).isEqualTo(next);
        }
        List<Instant> expected = new ArrayList<>(List.of(firstTry));
        for (int day : retryDays) {
            expected.add(firstTry.plus(Duration.ofDays(day)));
        }
        assertThat(attemptTimes(invoice)).isEqualTo(expected);
        assertThat(attemptStatuses(invoice)).containsOnly("DECLINED");

        clock.freezeAt(at("2039-06-30T10:00:00Z"));
        collections.retryDue();
        assertThat(attemptTimes(invoice)).as("the schedule has ended").hasSize(7);
        assertThat(fixtures.pledge(pledge.id()).status()).isEqualTo(Pledge.Status.DECLINED);
        assertThat(maySee(patron, may)).isFalse();

        PaymentMethod newCard = fixtures.card(patron, GOOD_CARD);
        assertThat(collections.retryNow(patron.id().value(), newCard.id())).isEqualTo(1);

        assertThat(status(invoice)).isEqualTo("PAID 7 null");
        assertThat(attemptStatuses(invoice)).hasSize(8).last().isEqualTo("SUCCEEDED");
        Pledge recovered = fixtures.pledge(pledge.id());
        assertThat(recovered.status()).isEqualTo(Pledge.Status.ACTIVE);
        assertThat(recovered.paymentMethodId()).isEqualTo(newCard.id());
        assertThat(maySee(patron, may)).isTrue();
        assertThat(fixtures.gatewayCharges(patron)).isEqualTo(8);
        // both May bills settled: 400 − 42 and 300 − 39; June's accrual waits for July
        assertThat(sandboxFee(400)).isEqualTo(42);
        assertThat(fixtures.balance(creator)).isEqualTo(Map.of("USD", 358L + 261));
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aDeclinedMonthlyRenewalIsNotRenewedAgainWhileDeclined() {
        clock.freezeAt(at("2039-08-03T10:00:00Z"));
        Creator creator = fixtures.creator("dunning-monthly", "USD", BillingModel.MONTHLY, 0);
        User patron = fixtures.patron("dunning-monthly");
        PaymentMethod card = fixtures.card(patron, DECLINES_LATER);
        // the first charge goes through; the card goes bad afterwards
        fixtures.switches().next(BillingFixtures.token(DECLINES_LATER), SandboxCards.Behaviour.SUCCEED);
        Pledge pledge = fixtures.join(patron, creator, "6.00", Cadence.MONTHLY, null, card);

        clock.freezeAt(at("2039-09-03T00:30:00Z"));
        days.run(LocalDate.parse("2039-09-03"));
        assertThat(fixtures.pledge(pledge.id()).status()).isEqualTo(Pledge.Status.DECLINED);
        clock.freezeAt(at("2039-10-03T00:30:00Z"));
        days.run(LocalDate.parse("2039-10-03"));

        assertThat(fixtures.bills(patron).stream().map(b -> b.reason() + " " + b.date() + " " + b.status()))
                .containsExactly("JOIN 2039-08-03 PAID", "BILLING_DAY 2039-09-03 OPEN");
        assertThat(fixtures.periods(pledge)).containsExactly("2039-08-03..2039-09-03", "2039-09-03..2039-10-03");
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aCollectThatComesLateForARetryAnotherCallerJustMadeDoesNotChargeAgain() {
        clock.freezeAt(at("2039-11-03T10:00:00Z"));
        Creator creator = fixtures.creator("dunning-stale", "USD", BillingModel.MONTHLY, 0);
        User patron = fixtures.patron("dunning-stale");
        PaymentMethod card = fixtures.card(patron, DECLINES_LATER);
        fixtures.switches().next(BillingFixtures.token(DECLINES_LATER), SandboxCards.Behaviour.SUCCEED);
        fixtures.join(patron, creator, "6.00", Cadence.MONTHLY, null, card);
        Instant firstTry = at("2039-12-03T00:30:00Z");
        clock.freezeAt(firstTry);
        days.run(LocalDate.parse("2039-12-03"));
        long invoice = jdbc.sql("select id from invoices where patron_user_id = :p and reason = 'BILLING_DAY'")
                .param("p", patron.id().value())
                .query(Long.class)
                .single();

        // two callers found the invoice due on day 1 (the retry task, a billing node's stale list)
        clock.freezeAt(firstTry.plus(Duration.ofDays(1)));
        collections.collect(invoice);
        Collections.Result late = collections.collect(invoice);

        assertThat(late.paid()).isFalse();
        assertThat(attemptTimes(invoice)).containsExactly(firstTry, firstTry.plus(Duration.ofDays(1)));
        assertThat(status(invoice)).isEqualTo("OPEN 2 " + firstTry.plus(Duration.ofDays(2)));
    }

    private boolean maySee(User reader, Post post) {
        return entitlements.maySee(
                Reader.member(reader.id()), posts.require(post.id()), fixtures.campaign(post.campaignId()));
    }

    private long invoiceOf(User patron) {
        return jdbc.sql("select id from invoices where patron_user_id = :p")
                .param("p", patron.id().value())
                .query(Long.class)
                .single();
    }

    private String status(long invoice) {
        return jdbc.sql("select status, failures, next_attempt_at from invoices where id = :id")
                .param("id", invoice)
                .query((rs, n) -> rs.getString(1) + " " + rs.getInt(2) + " "
                        + (rs.getTimestamp(3) == null
                                ? null
                                : rs.getTimestamp(3).toInstant()))
                .single();
    }

    private List<Instant> attemptTimes(long invoice) {
        return jdbc.sql("select created_at from payment_attempts where invoice_id = :id order by attempt_no")
                .param("id", invoice)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .list();
    }

    private List<String> attemptStatuses(long invoice) {
        return jdbc.sql("select status from payment_attempts where invoice_id = :id order by attempt_no")
                .param("id", invoice)
                .query(String.class)
                .list();
    }
}
