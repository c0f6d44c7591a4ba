package org.maecenas.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.billing.InvariantCheck;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Automatic monthly payouts: the daily task acts on the configured day (the 1st by default) only,
 * pays each automatic creator what is available once a month, and skips what is below the minimum.
 * Everything happens in 2096. The task pays every automatic creator in the shared database, so the
 * tests look only at their own creators.
 */
@MaecenasTest
class AutomaticPayoutsTests {

    @Autowired
    Payouts payouts;

    @Autowired
    PayoutFixtures fixtures;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @Autowired
    @Qualifier("automaticPayouts")
    RecurringTask<Void> task;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theTaskPaysAutomaticCreatorsOnTheConfiguredDayOnlyAndSkipsSmallBalances() {
        clock.freezeAt(Instant.parse("2096-01-10T12:00:00Z"));
        Creator rich = fixtures.creator("auto-rich");
        fixtures.earn(rich, "50");
        payouts.useStripeConnect(rich.campaignId(), "acct_autoRich0001", true);
        Creator poor = fixtures.creator("auto-poor");
        assertThat(fixtures.earn(poor, "10")).as("under the $10 minimum").isEqualTo(941);
        payouts.useStripeConnect(poor.campaignId(), "acct_autoPoor0001", true);
        Creator optedOut = fixtures.creator("auto-off");
        fixtures.earn(optedOut, "50");
        payouts.useStripeConnect(optedOut.campaignId(), "acct_autoOff00001", false);
        Creator bank = fixtures.creator("auto-bank");
        fixtures.earn(bank, "50");
        payouts.useBankAccount(bank.campaignId(), "Ada Lovelace", PayoutFixtures.GB_IBAN, "", "", true);

        for (String day : List.of("2096-01-31", "2096-02-02", "2096-02-15", "2096-02-28")) {
            runTaskAt(day + "T06:00:00Z");
        }
        assertThat(List.of(rich, poor, optedOut, bank))
                .as("no payouts on other days")
                .allSatisfy(
                        creator -> assertThat(payouts.of(creator.campaignId())).isEmpty());

        runTaskAt("2096-02-01T06:00:00Z");
        runTaskAt("2096-02-01T06:00:00Z");

        assertThat(payouts.of(rich.campaignId())).singleElement().satisfies(p -> {
            assertThat(p.amount().minor()).isEqualTo(4825);
            assertThat(p.status()).isEqualTo("PAID");
            assertThat(p.requestedAt()).isEqualTo(Instant.parse("2096-02-01T06:00:00Z"));
        });
        assertThat(payouts.of(bank.campaignId())).singleElement().satisfies(p -> {
            assertThat(p.amount().minor()).isEqualTo(4825);
            assertThat(p.status()).as("waits for an operator").isEqualTo("REQUESTED");
        });
        assertThat(payouts.of(poor.campaignId())).isEmpty();
        assertThat(payouts.of(optedOut.campaignId())).isEmpty();
        assertThat(fixtures.balance(rich)).isZero();
        assertThat(fixtures.balance(bank)).isZero();
        assertThat(fixtures.balance(poor)).isEqualTo(941);
        assertThat(fixtures.balance(optedOut)).isEqualTo(4825);
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aCreatorIsPaidAutomaticallyOnceAMonthEvenWhenMoreEarningsMatureLaterThatDay() {
        clock.freezeAt(Instant.parse("2096-03-20T12:00:00Z"));
        Creator creator = fixtures.creator("auto-monthly");
        fixtures.earn(creator, "50");
        payouts.useStripeConnect(creator.campaignId(), "acct_autoMonth001", true);
        clock.freezeAt(Instant.parse("2096-03-25T07:00:00Z"));
        fixtures.earn(creator, "20"); // available from 1 April, 07:00

        runTaskAt("2096-04-01T06:00:00Z");
        runTaskAt("2096-04-01T08:00:00Z");
        runTaskAt("2096-04-01T23:59:00Z");

        assertThat(payouts.of(creator.campaignId()))
                .extracting(p -> p.amount().minor())
                .containsExactly(4825L);
        assertThat(fixtures.balance(creator)).isEqualTo(1912);

        runTaskAt("2096-05-01T06:00:00Z");
        runTaskAt("2096-05-01T06:30:00Z");

        assertThat(payouts.of(creator.campaignId()))
                .extracting(p -> p.amount().minor())
                .containsExactly(1912L, 4825L);
        assertThat(fixtures.balance(creator)).isZero();
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aRefusedAutomaticPayoutReturnsTheMoneyAndDoesNotStopTheOthers() {
        clock.freezeAt(Instant.parse("2096-06-10T12:00:00Z"));
        Creator refused = fixtures.creator("auto-refused");
        fixtures.earn(refused, "50");
        payouts.useStripeConnect(refused.campaignId(), "acct_autofail0001", true);
        Creator fine = fixtures.creator("auto-fine");
        fixtures.earn(fine, "20");
        payouts.useStripeConnect(fine.campaignId(), "acct_autoFine0001", true);

        runTaskAt("2096-07-01T06:00:00Z");

        assertThat(payouts.of(refused.campaignId()))
                .singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo("FAILED"));
        assertThat(fixtures.balance(refused)).isEqualTo(4825);
        assertThat(payouts.of(fine.campaignId())).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo("PAID");
            assertThat(p.amount().minor()).isEqualTo(1912);
        });
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void theConfiguredDayIsTheMonthsLastInMonthsTooShortForIt() {
        assertThat(Payouts.isAutomaticDay(LocalDate.parse("2096-01-01"), 1)).isTrue();
        assertThat(Payouts.isAutomaticDay(LocalDate.parse("2096-01-02"), 1)).isFalse();
        assertThat(Payouts.isAutomaticDay(LocalDate.parse("2096-01-31"), 31)).isTrue();
        assertThat(Payouts.isAutomaticDay(LocalDate.parse("2096-04-30"), 31)).isTrue();
        assertThat(Payouts.isAutomaticDay(LocalDate.parse("2096-04-29"), 31)).isFalse();
        assertThat(Payouts.isAutomaticDay(LocalDate.parse("2096-02-29"), 30))
                .as("leap year")
                .isTrue();
        assertThat(Payouts.isAutomaticDay(LocalDate.parse("2097-02-28"), 29)).isTrue();
        assertThat(Payouts.isAutomaticDay(LocalDate.parse("2097-03-28"), 29)).isFalse();
    }

    private void runTaskAt(String instant) {
        clock.freezeAt(Instant.parse(instant));
        task.executeRecurringly(new TaskInstance<>("automatic-payouts", RecurringTask.INSTANCE), null);
    }
}
