package org.maecenas.payouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.billing.InvariantCheck;
import org.maecenas.ledger.JournalEntry;
import org.maecenas.ledger.LedgerAccounts;
import org.maecenas.money.Money;
import org.maecenas.payouts.PayoutProblems.NoPayoutMethod;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.maecenas.web.InvalidInput;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Asking for a payout: the holding period, the minimum, the available balance, and the ledger entry
 * a request posts. Everything happens in 2092 on a frozen clock; each test has its own creator.
 */
@MaecenasTest
class PayoutRequestsTests {

    private static final String HELD =
            "You can be paid at most $0.00 now; newer earnings become available after 7 days.";

    @Autowired
    Payouts payouts;

    @Autowired
    PayoutFixtures fixtures;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void settledEarningsBecomeAvailableOnlyOnceTheHoldingPeriodHasPassed() {
        clock.freezeAt(Instant.parse("2092-01-10T12:00:00Z"));
        Creator creator = fixtures.withBankAccount(fixtures.creator("holding"));
        long c = creator.campaignId();
        long net = fixtures.earn(creator, "50");
        assertThat(net).isEqualTo(5000 - 175);

        assertThat(fixtures.balance(creator)).isEqualTo(4825);
        assertThat(payouts.available(c)).containsExactly(Map.entry("USD", 0L));
        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(payouts.available(c)).containsExactly(Map.entry("USD", 0L));
        assertThat(refusal(c, "20")).isEqualTo(HELD);
        assertThat(refusal(c, "")).as("nothing available").isEqualTo("The smallest payout is $10.00.");

        clock.advance(Duration.ofSeconds(1));
        assertThat(payouts.available(c)).containsExactly(Map.entry("USD", 4825L));

        long later = fixtures.earn(creator, "20");
        assertThat(later).isEqualTo(2000 - 88);
        assertThat(fixtures.balance(creator)).isEqualTo(4825 + 1912);
        assertThat(payouts.available(c))
                .as("the new earnings wait their own 7 days")
                .containsEntry("USD", 4825L);
        clock.advance(Duration.ofDays(7));
        assertThat(payouts.available(c)).containsEntry("USD", 4825L + 1912);
        assertThat(payouts.of(c)).isEmpty();
    }

    @Test
    void aRequestAboveTheAvailableBalanceOrBelowTheMinimumOrMalformedIsRefusedWithAClearMessage() {
        clock.freezeAt(Instant.parse("2092-02-03T09:00:00Z"));
        Creator creator = fixtures.withBankAccount(fixtures.creator("refusals"));
        long c = creator.campaignId();
        fixtures.earn(creator, "50");
        clock.advance(Duration.ofDays(8));
        fixtures.earn(creator, "100"); // settled, still held
        assertThat(fixtures.balance(creator)).isEqualTo(4825 + 9680);
        long inTransit = fixtures.inTransit();

        assertThat(refusal(c, "48.26"))
                .isEqualTo("You can be paid at most $48.25 now; newer earnings become available after 7 days.");
        assertThat(refusal(c, "100")).startsWith("You can be paid at most $48.25 now");
        assertThat(refusal(c, "9.99")).isEqualTo("The smallest payout is $10.00.");
        assertThat(refusal(c, "0")).isEqualTo("The smallest payout is $10.00.");
        for (String malformed : new String[] {"ten", "-20", "20.001", "1e3", "$20", "20..0"}) {
            assertThat(refusal(c, malformed)).as(malformed).isEqualTo("Enter an amount like 50 or 50.00.");
        }

        assertThat(payouts.of(c)).isEmpty();
        assertThat(fixtures.balance(creator)).isEqualTo(4825 + 9680);
        assertThat(fixtures.inTransit()).isEqualTo(inTransit);
        assertThat(fixtures.entries("payout-" + c + "-")).isEmpty();
    }

    @Test
    void theSmallestPayoutIsTenUnitsOfTheCurrency() {
        assertThat(payouts.minimum(Currency.getInstance("USD"))).isEqualTo(Money.of(1000, "USD"));
        assertThat(payouts.minimum(Currency.getInstance("JPY"))).isEqualTo(Money.of(10, "JPY"));
        assertThat(payouts.minimum(Currency.getInstance("BHD"))).isEqualTo(Money.of(10000, "BHD"));
    }

    @Test
    void aRequestMovesTheMoneyFromTheCreatorsBalanceToPayoutsInTransit() {
        clock.freezeAt(Instant.parse("2092-03-01T10:00:00Z"));
        Creator creator = fixtures.withBankAccount(fixtures.withFiftyAvailable("transit"));
        long c = creator.campaignId();
        long inTransit = fixtures.inTransit();

        Payout payout = payouts.request(c, "USD", "20.00");

        assertThat(payout.amount()).isEqualTo(Money.of(2000, "USD"));
        assertThat(payout.status()).isEqualTo("REQUESTED");
        assertThat(payout.methodKind()).isEqualTo("MANUAL");
        assertThat(payout.destination()).isEqualTo("Bank GB …5432");
        assertThat(payout.campaignId()).isEqualTo(c);
        assertThat(payout.requestedAt()).isEqualTo(Instant.parse("2092-03-08T10:00:00Z"));
        assertThat(payout.sentAt()).isNull();
        assertThat(payout.settledAt()).isNull();
        assertThat(fixtures.balance(creator)).isEqualTo(2825);
        assertThat(payouts.available(c)).containsEntry("USD", 2825L);
        assertThat(fixtures.inTransit()).isEqualTo(inTransit - 2000);

        List<JournalEntry> entries = fixtures.entries("payout-" + c + "-");
        assertThat(entries).hasSize(1);
        JournalEntry entry = entries.getFirst();
        assertThat(entry.kind()).isEqualTo("PAYOUT");
        assertThat(entry.postedAt()).isEqualTo(payout.requestedAt());
        assertThat(PayoutFixtures.legs(entry))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(LedgerAccounts.creatorBalance(c), 2000L, LedgerAccounts.PAYOUTS_IN_TRANSIT, -2000L));
        assertThat(fixtures.entryKinds(payout)).containsExactly("PAYOUT");
        assertThat(invariants.check().failures()).isEmpty();

        assertThat(refusal(c, "28.26")).startsWith("You can be paid at most $28.25 now");
        Payout rest = payouts.request(c, "USD", " ");
        assertThat(rest.amount()).as("blank means all that is available").isEqualTo(Money.of(2825, "USD"));
        assertThat(payouts.available(c)).containsEntry("USD", 0L);
        assertThat(fixtures.balance(creator)).isZero();
        assertThat(refusal(c, "10")).isEqualTo(HELD);
        assertThat(payouts.of(c)).extracting(Payout::id).containsExactly(rest.id(), payout.id());
        assertThat(fixtures.inTransit()).isEqualTo(inTransit - 4825);
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void blankTakesWhatIsAvailableAndLeavesEarningsStillHeld() {
        clock.freezeAt(Instant.parse("2092-04-01T10:00:00Z"));
        Creator creator = fixtures.withBankAccount(fixtures.creator("blank"));
        long c = creator.campaignId();
        fixtures.earn(creator, "50");
        clock.advance(Duration.ofDays(6));
        fixtures.earn(creator, "20");
        clock.advance(Duration.ofDays(1));

        Payout payout = payouts.request(c, "USD", null);

        assertThat(payout.amount().minor()).isEqualTo(4825);
        assertThat(fixtures.balance(creator)).isEqualTo(1912);
        assertThat(payouts.available(c)).containsEntry("USD", 0L);
        clock.advance(Duration.ofDays(6));
        assertThat(payouts.available(c)).containsEntry("USD", 1912L);
    }

    @Test
    void withoutAPayoutMethodARequestIsRefused() {
        clock.freezeAt(Instant.parse("2092-05-01T10:00:00Z"));
        Creator creator = fixtures.creator("no-method");
        fixtures.earn(creator, "50");
        clock.advance(Duration.ofDays(8));

        NoPayoutMethod refused =
                catchThrowableOfType(NoPayoutMethod.class, () -> payouts.request(creator.campaignId(), "USD", ""));

        assertThat(refused).hasMessage("Set how you want to be paid before asking for a payout.");
        assertThat(refused.code()).isEqualTo("no-payout-method");
        assertThat(payouts.of(creator.campaignId())).isEmpty();
    }

    @Test
    void anUnknownCurrencyIsRefusedAsInputAndACurrencyWithNoEarningsHasNothingAvailable() {
        clock.freezeAt(Instant.parse("2092-06-01T10:00:00Z"));
        Creator creator = fixtures.withBankAccount(fixtures.creator("currency"));
        long c = creator.campaignId();
        fixtures.earn(creator, "50");
        clock.advance(Duration.ofDays(8));

        for (String code : new String[] {"XYZ", "", "DOLLARS", "US"}) {
            InvalidInput refused = catchThrowableOfType(InvalidInput.class, () -> payouts.request(c, code, "20"));
            assertThat(refused).as(code).isNotNull();
            assertThat(refused.fields()).as(code).containsOnlyKeys("currency");
        }
        assertThat(refusal(c, "EUR", "20"))
                .isEqualTo("You can be paid at most €0.00 now; newer earnings become available after 7 days.");
        assertThat(payouts.of(c)).isEmpty();
    }

    @Test
    void twoConcurrentRequestsNeverPayOutMoreThanIsAvailable() throws Exception {
        clock.freezeAt(Instant.parse("2092-07-01T10:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (String amount : new String[] {"30", "", "48.25"}) {
                Creator creator = fixtures.withBankAccount(fixtures.withFiftyAvailable("race"));
                long c = creator.campaignId();
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Object>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    results.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            return payouts.request(c, "USD", amount);
                        } catch (InvalidInput refused) {
                            return refused;
                        }
                    }));
                }
                List<Object> outcomes = new ArrayList<>();
                for (Future<Object> result : results) {
                    outcomes.add(result.get(30, TimeUnit.SECONDS));
                }

                assertThat(outcomes)
                        .as(amount)
                        .filteredOn(Payout.class::isInstance)
                        .hasSize(1);
                assertThat(outcomes)
                        .as(amount)
                        .filteredOn(InvalidInput.class::isInstance)
                        .hasSize(1);
                long paid = fixtures.sumOfPayouts(creator, "REQUESTED", "SENT", "PAID");
                long expected = amount.isBlank()
                        ? 4825
                        : Money.parse(amount, Currency.getInstance("USD"))
                                .orElseThrow()
                                .minor();
                assertThat(paid).as(amount).isEqualTo(expected);
                assertThat(fixtures.balance(creator)).as(amount).isEqualTo(4825 - expected);
                assertThat(fixtures.entries("payout-" + c + "-")).as(amount).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(invariants.check().failures()).isEmpty();
    }

    private String refusal(long campaign, String amount) {
        return refusal(campaign, "USD", amount);
    }

    private String refusal(long campaign, String currency, String amount) {
        InvalidInput refused =
                catchThrowableOfType(InvalidInput.class, () -> payouts.request(campaign, currency, amount));
        assertThat(refused).as("refused: " + amount).isNotNull();
        assertThat(refused.fields()).containsOnlyKeys("amount");
        return refused.fields().get("amount");
    }
}
