package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maecenas.billing.BillingFixtures.at;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.SandboxCards;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Payments confirmed late and patrons with nothing to charge. */
@MaecenasTest
class BillingRecoveryTests {

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    Checkout checkout;

    @Autowired
    Collections collections;

    @Autowired
    BillingDays days;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.maecenas.pledges.Pledges pledges;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @AfterEach
    void reset() {
        clock.reset();
        fixtures.switches().reset();
    }

    @Test
    void aDeclinedMembershipThatABillingDayIsPaidForRecoversAndAnActiveOneIsLeftAlone() {
        clock.freezeAt(at("2064-05-04T10:00:00Z"));
        Creator creator = fixtures.creator("day-recovery", "USD", BillingModel.PER_CREATION, 0);
        User declined = fixtures.patron("day-recovery-declined");
        User active = fixtures.patron("day-recovery-active");
        Pledge declinedPledge = fixtures.join(
                declined, creator, "2", Cadence.PER_CREATION, null, fixtures.card(declined, "4242424242424242"));
        Pledge activePledge = fixtures.join(
                active, creator, "3", Cadence.PER_CREATION, null, fixtures.card(active, "4242424242424242"));
        clock.freezeAt(at("2064-05-12T10:00:00Z"));
        fixtures.awaitAccruals(fixtures.paidPost(creator, "Before the decline"), 2);
        // a payment of the patron's went wrong elsewhere after the post; the card works again by the 1st
        transactions.executeWithoutResult(tx -> pledges.declinedAll(java.util.Map.of(declinedPledge.id(), "test")));
        assertThat(fixtures.pledge(declinedPledge.id()).status()).isEqualTo(Pledge.Status.DECLINED);

        clock.freezeAt(at("2064-06-01T00:30:00Z"));
        days.run(LocalDate.parse("2064-06-01"));

        assertThat(fixtures.bills(declined).getLast())
                .isEqualTo(
                        new BillingFixtures.Bill(LocalDate.parse("2064-06-01"), "BILLING_DAY", "USD", 200, "PAID", 1));
        assertThat(fixtures.pledge(declinedPledge.id()).status()).isEqualTo(Pledge.Status.ACTIVE);
        assertThat(history(declinedPledge)).endsWith("RECOVERED payment received");
        assertThat(fixtures.pledge(activePledge.id()).status()).isEqualTo(Pledge.Status.ACTIVE);
        assertThat(history(activePledge)).noneMatch(line -> line.startsWith("RECOVERED"));
        assertThat(invariants.check().failures()).isEmpty();
    }

    private java.util.List<String> history(Pledge pledge) {
        return jdbc.sql(
                        "select action || ' ' || coalesce(note, '') from pledge_history where membership_id = :m order by id")
                .param("m", pledge.id())
                .query(String.class)
                .list();
    }

    @Test
    void anUpgradeWhosePaymentTheJanitorConfirmsTakesEffectThen() {
        clock.freezeAt(at("2061-05-10T10:00:00Z"));
        Creator creator = fixtures.creator("late-upgrade", "USD", BillingModel.MONTHLY, 0);
        User patron = fixtures.patron("late-upgrader");
        PaymentMethod card = fixtures.card(patron, "4242424242424242");
        Pledge pledge = fixtures.join(patron, creator, "5", Cadence.MONTHLY, null, card);

        fixtures.switches().next(card.token(), SandboxCards.Behaviour.LOST_RESPONSE);
        Checkout.Outcome2 upgrade = checkout.change(patron.id(), pledge.id(), null, "8", null, creator.campaign());
        assertThat(upgrade.ok()).isFalse();
        assertThat(upgrade.pending()).isTrue();
        assertThat(fixtures.pledge(pledge.id()).amount().minor()).isEqualTo(500);

        clock.advance(Duration.ofMinutes(5));
        assertThat(collections.janitor()).isEqualTo(1);

        assertThat(fixtures.pledge(pledge.id()).amount().minor())
                .as("applied when the payment is confirmed")
                .isEqualTo(800);
        assertThat(fixtures.gatewayCharges(patron)).isEqualTo(2);
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void withNoCardOnFileARenewalFailsOnTheScheduleWithoutAskingTheGateway() {
        clock.freezeAt(at("2062-07-03T10:00:00Z"));
        Creator creator = fixtures.creator("no-card", "USD", BillingModel.MONTHLY, 0);
        User patron = fixtures.patron("cardless");
        PaymentMethod card = fixtures.card(patron, "4242424242424242");
        Pledge pledge = fixtures.join(patron, creator, "6", Cadence.MONTHLY, null, card);
        jdbc.sql("update payment_methods set removed_at = now(), is_default = false where user_id = :u")
                .param("u", patron.id().value())
                .update();

        clock.freezeAt(at("2062-08-03T00:30:00Z"));
        days.run(LocalDate.parse("2062-08-03"));

        long invoice = jdbc.sql("select id from invoices where patron_user_id = :p and reason = 'BILLING_DAY'")
                .param("p", patron.id().value())
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("select failures || ' ' || status from invoices where id = :i")
                        .param("i", invoice)
                        .query(String.class)
                        .single())
                .isEqualTo("1 OPEN");
        assertThat(jdbc.sql("select count(*) from payment_attempts where invoice_id = :i")
                        .param("i", invoice)
                        .query(Long.class)
                        .single())
                .as("no gateway call without a card")
                .isZero();
        assertThat(fixtures.pledge(pledge.id()).status()).isEqualTo(Pledge.Status.DECLINED);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("""
                                select count(*) from dev_mailbox where recipient = :to
                                   and subject like 'Your payment on % didn’t go through'
                                   and body like '%There is no card on your account%'
                                   and body like '%/settings/payment-methods%'
                                """)
                                .param("to", patron.email())
                                .query(Long.class)
                                .single()
                        == 1);

        // retries keep to the schedule: nothing happens an hour later
        clock.advance(Duration.ofHours(1));
        collections.retryDue();
        assertThat(jdbc.sql("select failures from invoices where id = :i")
                        .param("i", invoice)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        // a new card pays it at once
        PaymentMethod fresh = fixtures.card(patron, "4242424242424242");
        collections.retryNow(patron.id().value(), fresh.id());
        assertThat(jdbc.sql("select status from invoices where id = :i")
                        .param("i", invoice)
                        .query(String.class)
                        .single())
                .isEqualTo("PAID");
        assertThat(fixtures.pledge(pledge.id()).status()).isEqualTo(Pledge.Status.ACTIVE);
        assertThat(invariants.check().failures()).isEmpty();
    }
}
