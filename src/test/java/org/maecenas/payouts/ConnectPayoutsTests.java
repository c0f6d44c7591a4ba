package org.maecenas.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.billing.InvariantCheck;
import org.maecenas.ledger.LedgerAccounts;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Payouts to a Stripe Connect account through the sandbox gateway, which pays at once and refuses
 * accounts whose id contains "fail". Everything happens in the second half of 2093.
 */
@MaecenasTest
class ConnectPayoutsTests {

    private static final String SENT_STRIPE = LedgerAccounts.payoutsSent("stripe_connect");

    @Autowired
    Payouts payouts;

    @Autowired
    PayoutFixtures fixtures;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aConnectPayoutIsSentAndPaidAtOnceWithItsLedgerEntries() {
        clock.freezeAt(Instant.parse("2093-07-01T09:00:00Z"));
        Creator creator = fixtures.withFiftyAvailable("connect-paid");
        long c = creator.campaignId();
        payouts.useStripeConnect(c, "acct_1A2b3C4d5E6f", false);
        long inTransit = fixtures.inTransit();
        long sent = fixtures.account(SENT_STRIPE);

        Payout payout = payouts.request(c, "USD", "40");

        assertThat(payout.status()).isEqualTo("PAID");
        assertThat(payout.methodKind()).isEqualTo("STRIPE_CONNECT");
        assertThat(payout.destination()).isEqualTo("Stripe acct_1A2b3C4d5E6f");
        assertThat(payout.externalId()).startsWith("po_sbx_");
        assertThat(payout.failureReason()).isNull();
        assertThat(payout.sentAt()).isEqualTo(Instant.parse("2093-07-08T09:00:00Z"));
        assertThat(payout.settledAt()).isEqualTo(Instant.parse("2093-07-08T09:00:00Z"));
        assertThat(payouts.findByExternal(payout.externalId())).contains(payout);
        assertThat(fixtures.entryKinds(payout)).containsExactly("PAYOUT", "PAYOUT_PAID");
        assertThat(PayoutFixtures.legs(
                        fixtures.entries("payout-paid-" + payout.id()).getFirst()))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(LedgerAccounts.PAYOUTS_IN_TRANSIT, 4000L, SENT_STRIPE, -4000L));
        assertThat(fixtures.inTransit()).as("in and out of transit").isEqualTo(inTransit);
        assertThat(fixtures.account(SENT_STRIPE)).isEqualTo(sent - 4000);
        assertThat(fixtures.balance(creator)).isEqualTo(825);
        assertThat(payouts.open()).extracting(Payout::id).doesNotContain(payout.id());
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aPayoutTheProcessorRefusesFailsAndTheMoneyIsBackAndAvailable() {
        clock.freezeAt(Instant.parse("2093-08-01T09:00:00Z"));
        Creator creator = fixtures.withFiftyAvailable("connect-refused");
        long c = creator.campaignId();
        payouts.useStripeConnect(c, "acct_willfail0001", false);
        long inTransit = fixtures.inTransit();

        Payout payout = payouts.request(c, "USD", "");

        assertThat(payout.status()).isEqualTo("FAILED");
        assertThat(payout.amount().minor()).isEqualTo(4825);
        assertThat(payout.failureReason()).isEqualTo("the sandbox refuses payouts to acct_willfail0001");
        assertThat(payout.externalId()).isNull();
        assertThat(fixtures.entryKinds(payout)).containsExactly("PAYOUT", "PAYOUT_FAILED");
        assertThat(fixtures.inTransit()).isEqualTo(inTransit);
        assertThat(fixtures.balance(creator)).isEqualTo(4825);
        assertThat(payouts.available(c)).containsEntry("USD", 4825L);
        assertThat(invariants.check().failures()).isEmpty();

        payouts.useStripeConnect(c, "acct_fixedNow0001", false);
        Payout retried = payouts.request(c, "USD", "");
        assertThat(retried.status()).isEqualTo("PAID");
        assertThat(retried.amount().minor()).isEqualTo(4825);
        assertThat(fixtures.balance(creator)).isZero();
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aPayoutWithoutAnAnswerStaysInTransitUntilTheJanitorSendsItAgainOnce() {
        clock.freezeAt(Instant.parse("2093-10-01T09:00:00Z"));
        Creator creator = fixtures.withFiftyAvailable("connect-slow");
        long c = creator.campaignId();
        payouts.useStripeConnect(c, "acct_slowbank0001", false);
        long inTransit = fixtures.inTransit();

        Payout payout = payouts.request(c, "USD", "");

        // unknown is not refused: the money stays in transit, never back in the balance to be paid twice
        assertThat(payout.status()).isEqualTo("REQUESTED");
        assertThat(fixtures.inTransit()).isEqualTo(inTransit - 4825);
        assertThat(fixtures.balance(creator)).isZero();
        clock.freezeAt(payout.requestedAt().plusSeconds(60));
        assertThat(payouts.resendUnsent(java.time.Duration.ofMinutes(5))).isZero(); // too soon

        clock.freezeAt(payout.requestedAt().plusSeconds(360));
        assertThat(payouts.resendUnsent(java.time.Duration.ofMinutes(5))).isEqualTo(1);
        assertThat(payouts.require(payout.id()).status()).isEqualTo("PAID");
        assertThat(payouts.resendUnsent(java.time.Duration.ofMinutes(5))).isZero();
        assertThat(fixtures.entryKinds(payouts.require(payout.id()))).containsExactly("PAYOUT", "PAYOUT_PAID");
        assertThat(fixtures.inTransit()).isEqualTo(inTransit);
        assertThat(invariants.check().failures()).isEmpty();
        // the creator is told once, after the payout's transaction committed
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select count(*) from mail_outbox where dedupe_key = :k")
                                .param("k", "payout-paid:" + payout.id())
                                .query(Integer.class)
                                .single()
                        == 1);
        assertThat(jdbc.sql("select subject from mail_outbox where dedupe_key = :k")
                        .param("k", "payout-paid:" + payout.id())
                        .query(String.class)
                        .single())
                .isEqualTo("Your payout of $48.25 is on its way");
    }

    @Test
    void markingAPaidConnectPayoutAgainChangesNothing() {
        clock.freezeAt(Instant.parse("2093-09-01T09:00:00Z"));
        Creator creator = fixtures.withFiftyAvailable("connect-paid-twice");
        long c = creator.campaignId();
        payouts.useStripeConnect(c, "acct_twiceOver001", false);
        Payout payout = payouts.request(c, "USD", "20");

        payouts.markPaid(payout.id(), "again");
        payouts.markFailed(payout.id(), "too late");

        assertThat(payouts.require(payout.id())).isEqualTo(payout);
        assertThat(fixtures.entryKinds(payout)).containsExactly("PAYOUT", "PAYOUT_PAID");
        assertThat(fixtures.balance(creator)).isEqualTo(2825);
    }
}
