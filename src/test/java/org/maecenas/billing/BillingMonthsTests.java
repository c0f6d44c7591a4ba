package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;
import static org.maecenas.billing.BillingFixtures.at;
import static org.maecenas.billing.BillingFixtures.sandboxFee;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.accounts.UserId;
import org.maecenas.billing.BillingFixtures.Bill;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.money.Money;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.posts.Access;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostDraft;
import org.maecenas.posts.PostEvents.PostPublished;
import org.maecenas.posts.PostKind;
import org.maecenas.posts.Posts;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Walks the clock through months and years and checks what each billing day charges. Every test
 * bills its own dates (a billing day runs once per date in the shared database) and counts only its
 * own patrons and creators.
 */
@MaecenasTest
class BillingMonthsTests {

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    Checkout checkout;

    @Autowired
    Posts posts;

    @Autowired
    BillingDays days;

    @Autowired
    Accruals accruals;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void perCreationPatronsPayOnTheFirstForLastMonthsPaidPostsUpToTheirCapAndOnlyAfterJoining() {
        clock.freezeAt(at("2041-03-05T10:00:00Z"));
        Creator creator = fixtures.creator("cap", "USD", BillingModel.PER_CREATION, 0);
        User early = fixtures.patron("cap-early");
        Pledge earlyPledge =
                fixtures.join(early, creator, "2.00", Cadence.PER_CREATION, null, fixtures.card(early, GOOD_CARD));

        clock.freezeAt(at("2041-03-06T09:00:00Z"));
        Post beforeMidMonth = fixtures.paidPost(creator, "Before mid-month");
        fixtures.awaitAccruals(beforeMidMonth, 1);

        clock.freezeAt(at("2041-03-10T12:00:00Z"));
        User capped = fixtures.patron("cap-capped");
        Pledge cappedPledge =
                fixtures.join(capped, creator, "5.00", Cadence.PER_CREATION, 3, fixtures.card(capped, GOOD_CARD));
        User late = fixtures.patron("cap-late");
        Pledge latePledge = null;
        for (int i = 1; i <= 5; i++) {
            clock.freezeAt(at("2041-03-1" + i + "T12:00:00Z"));
            if (i == 4) {
                // joins after the first three of the five posts: billed for the last two only
                clock.advance(Duration.ofHours(-6));
                latePledge = fixtures.join(
                        late, creator, "3.00", Cadence.PER_CREATION, null, fixtures.card(late, GOOD_CARD));
                clock.advance(Duration.ofHours(6));
            }
            Post post = fixtures.paidPost(creator, "Paid post " + i);
            // two patrons each time: the capped one for the first three, the late one for the last two
            fixtures.awaitAccruals(post, 2);
        }
        assertThat(fixtures.accrualsOf(earlyPledge, "PENDING")).isEqualTo(6);
        assertThat(fixtures.accrualsOf(cappedPledge, "PENDING"))
                .as("capped at 3")
                .isEqualTo(3);
        assertThat(fixtures.accrualsOf(latePledge, "PENDING")).isEqualTo(2);

        clock.freezeAt(at("2041-04-01T00:30:00Z"));
        days.run(LocalDate.parse("2041-04-01"));

        LocalDate first = LocalDate.parse("2041-04-01");
        assertThat(fixtures.bills(early)).containsExactly(bill(first, "USD", 1200, 1));
        assertThat(fixtures.bills(capped)).containsExactly(bill(first, "USD", 1500, 1));
        assertThat(fixtures.bills(late)).containsExactly(bill(first, "USD", 600, 1));
        assertThat(fixtures.accrualsOf(earlyPledge, "INVOICED")).isEqualTo(6);
        assertThat(fixtures.accrualsOf(cappedPledge, "PENDING")).isZero();
        // 1200 − 65, 1500 − 74, 600 − 47
        assertThat(fixtures.balance(creator)).isEqualTo(Map.of("USD", 1135L + 1426 + 553));
        assertThat(sandboxFee(1200) + sandboxFee(1500) + sandboxFee(600)).isEqualTo(65 + 74 + 47);

        // April had no paid posts: May's billing day bills these patrons nothing, and nothing twice
        clock.freezeAt(at("2041-05-01T00:30:00Z"));
        days.run(LocalDate.parse("2041-05-01"));
        assertThat(fixtures.bills(early)).hasSize(1);
        assertThat(fixtures.bills(capped)).hasSize(1);
        assertThat(fixtures.bills(late)).hasSize(1);
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aCapHoldsWhenTwoPaidPostsAccrueAtTheSameMoment() throws Exception {
        clock.freezeAt(at("2046-01-02T10:00:00Z"));
        Creator creator = fixtures.creator("race", "USD", BillingModel.PER_CREATION, 0);
        List<Pledge> capped = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            User patron = fixtures.patron("race-" + i);
            capped.add(fixtures.join(patron, creator, "1", Cadence.PER_CREATION, 1, fixtures.card(patron, GOOD_CARD)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int month = 1; month <= 6; month++) {
                Instant publishedAt = at("2046-0" + month + "-20T10:00:00Z");
                clock.freezeAt(publishedAt);
                // two paid posts whose events arrive together (scheduled posts are published in one go)
                List<PostPublished> events = new ArrayList<>();
                for (int post = 0; post < 2; post++) {
                    Post draft = posts.create(
                            creator.user().id(),
                            new PostDraft(
                                    "Race " + month + post,
                                    "x",
                                    PostKind.TEXT,
                                    null,
                                    null,
                                    Access.PATRONS,
                                    null,
                                    true));
                    events.add(new PostPublished(draft.id(), creator.campaign().id(), true, publishedAt));
                }
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Integer>> accrued = new ArrayList<>();
                for (PostPublished event : events) {
                    accrued.add(threads.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return accruals.accrue(event);
                    }));
                }
                int total = 0;
                for (Future<Integer> result : accrued) {
                    total += result.get(30, TimeUnit.SECONDS);
                }
                assertThat(total)
                        .as("accruals in month %d with a cap of 1", month)
                        .isEqualTo(8);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(capped)
                .allSatisfy(pledge ->
                        assertThat(fixtures.accrualsOf(pledge, "PENDING")).isEqualTo(6));
    }

    @Test
    void unpublishingOrDeletingAPaidPostBeforeBillingVoidsItsAccruals() {
        clock.freezeAt(at("2042-05-03T10:00:00Z"));
        Creator creator = fixtures.creator("void", "USD", BillingModel.PER_CREATION, 0);
        User patron = fixtures.patron("void-patron");
        Pledge pledge =
                fixtures.join(patron, creator, "4.00", Cadence.PER_CREATION, null, fixtures.card(patron, GOOD_CARD));

        Post kept = publishOn(creator, "2042-05-04T10:00:00Z", "Kept");
        Post unpublished = publishOn(creator, "2042-05-05T10:00:00Z", "Unpublished");
        Post deleted = publishOn(creator, "2042-05-06T10:00:00Z", "Deleted");
        Post billedThenUnpublished = publishOn(creator, "2042-05-07T10:00:00Z", "Billed, then unpublished");
        assertThat(fixtures.accrualsOf(pledge, "PENDING")).isEqualTo(4);

        clock.freezeAt(at("2042-05-20T10:00:00Z"));
        posts.unpublish(creator.user().id(), unpublished.id());
        posts.delete(creator.user().id(), deleted.id());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(fixtures.accrualsOfPost(unpublished, "VOID")).isEqualTo(1);
            assertThat(fixtures.accrualsOfPost(deleted, "VOID")).isEqualTo(1);
        });

        clock.freezeAt(at("2042-06-01T00:30:00Z"));
        days.run(LocalDate.parse("2042-06-01"));
        assertThat(fixtures.bills(patron)).containsExactly(bill(LocalDate.parse("2042-06-01"), "USD", 800, 1));
        assertThat(fixtures.accrualsOfPost(kept, "INVOICED")).isEqualTo(1);
        assertThat(fixtures.accrualsOfPost(billedThenUnpublished, "INVOICED")).isEqualTo(1);

        // after billing, unpublishing changes nothing already billed
        posts.unpublish(creator.user().id(), billedThenUnpublished.id());
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> fixtures.accrualsOfPost(billedThenUnpublished, "INVOICED") == 1);
        assertThat(fixtures.accrualsOfPost(billedThenUnpublished, "VOID")).isZero();
        assertThat(fixtures.balance(creator)).isEqualTo(Map.of("USD", 800 - sandboxFee(800)));
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void cancellingBillsPendingAccrualsAtOnceAndNothingMoreLater() {
        clock.freezeAt(at("2043-07-02T10:00:00Z"));
        Creator creator = fixtures.creator("cancel", "USD", BillingModel.PER_CREATION, 0);
        User leaving = fixtures.patron("cancel-leaving");
        Pledge leavingPledge =
                fixtures.join(leaving, creator, "3.00", Cadence.PER_CREATION, 10, fixtures.card(leaving, GOOD_CARD));
        User staying = fixtures.patron("cancel-staying");
        Pledge stayingPledge =
                fixtures.join(staying, creator, "1.50", Cadence.PER_CREATION, null, fixtures.card(staying, GOOD_CARD));
        publishOn(creator, "2043-07-05T10:00:00Z", "One", 2);
        publishOn(creator, "2043-07-06T10:00:00Z", "Two", 2);

        clock.freezeAt(at("2043-07-20T15:00:00Z"));
        Checkout.Outcome2 cancelled = checkout.cancel(leaving.id(), leavingPledge.id());

        assertThat(cancelled.message()).contains("$6.00").contains("were billed now.");
        assertThat(fixtures.bills(leaving))
                .containsExactly(new Bill(LocalDate.parse("2043-07-20"), "CANCEL", "USD", 600, "PAID", 1));
        assertThat(fixtures.pledge(leavingPledge.id()).status()).isEqualTo(Pledge.Status.CANCELLED);
        assertThat(fixtures.accrualsOf(leavingPledge, "INVOICED")).isEqualTo(2);

        publishOn(creator, "2043-07-25T10:00:00Z", "After the cancel", 1);
        assertThat(fixtures.accrualsOf(leavingPledge, "PENDING")).isZero();

        clock.freezeAt(at("2043-08-01T00:30:00Z"));
        days.run(LocalDate.parse("2043-08-01"));
        assertThat(fixtures.bills(leaving)).hasSize(1);
        assertThat(fixtures.bills(staying)).containsExactly(bill(LocalDate.parse("2043-08-01"), "USD", 450, 1));
        assertThat(fixtures.accrualsOf(stayingPledge, "INVOICED")).isEqualTo(3);
        assertThat(fixtures.balance(creator)).isEqualTo(Map.of("USD", 600 - sandboxFee(600) + 450 - sandboxFee(450)));
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void anUpgradePaysTheDifferenceNowAndADowngradeStartsWithTheNextCycle() {
        clock.freezeAt(at("2044-01-15T09:00:00Z"));
        Creator creator = fixtures.creator("change", "USD", BillingModel.MONTHLY, 0);
        User patron = fixtures.patron("change-patron");
        Pledge pledge =
                fixtures.join(patron, creator, "10.00", Cadence.MONTHLY, null, fixtures.card(patron, GOOD_CARD));
        assertThat(pledge.nextChargeOn()).isEqualTo(LocalDate.parse("2044-02-15"));

        clock.freezeAt(at("2044-01-20T09:00:00Z"));
        Checkout.Outcome2 upgraded = checkout.change(patron.id(), pledge.id(), null, "15.00", null, creator.campaign());
        assertThat(upgraded.ok()).as(upgraded.message()).isTrue();
        assertThat(upgraded.message()).contains("$5.00");
        assertThat(fixtures.pledge(pledge.id()).amount()).isEqualTo(Money.of(1500, "USD"));
        assertThat(fixtures.pledge(pledge.id()).nextChargeOn()).isEqualTo(LocalDate.parse("2044-02-15"));

        runDay("2044-02-15");
        clock.freezeAt(at("2044-02-20T09:00:00Z"));
        Checkout.Outcome2 downgraded =
                checkout.change(patron.id(), pledge.id(), null, "8.00", null, creator.campaign());
        assertThat(downgraded.message()).contains("From 2044-03-15 you pay $8.00");
        assertThat(fixtures.bills(patron)).hasSize(3);
        assertThat(fixtures.pledge(pledge.id()).amount()).isEqualTo(Money.of(1500, "USD"));
        assertThat(fixtures.pledge(pledge.id()).nextAmount()).isEqualTo(Money.of(800, "USD"));

        runDay("2044-03-15");
        assertThat(fixtures.pledge(pledge.id()).amount()).isEqualTo(Money.of(800, "USD"));
        assertThat(fixtures.pledge(pledge.id()).nextAmount()).isNull();
        runDay("2044-04-15");

        assertThat(fixtures.bills(patron).stream()
                        .map(b -> b.reason() + " " + b.date() + " " + b.total() + " " + b.status()))
                .containsExactly(
                        "JOIN 2044-01-15 1000 PAID",
                        "UPGRADE 2044-01-20 500 PAID",
                        "BILLING_DAY 2044-02-15 1500 PAID",
                        "BILLING_DAY 2044-03-15 800 PAID",
                        "BILLING_DAY 2044-04-15 800 PAID");
        assertThat(fixtures.periods(pledge))
                .containsExactly(
                        "2044-01-15..2044-02-15",
                        "2044-02-15..2044-03-15",
                        "2044-03-15..2044-04-15",
                        "2044-04-15..2044-05-15");
        // 1000 − 59, 500 − 45, 1500 − 74, and twice 800 − 53
        assertThat(fixtures.balance(creator)).isEqualTo(Map.of("USD", 941L + 455 + 1426 + 747 + 747));
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void anniversariesOnThe29thTo31stClampToTheMonthsEndInLeapAndCommonYears() {
        Creator creator = fixtures.creator("clamp", "USD", BillingModel.MONTHLY, 0);
        List<Pledge> leap = joinOnDays(creator, "2048-01-");
        for (String day : List.of("2048-02-28", "2048-02-29", "2048-03-29", "2048-03-30", "2048-03-31")) {
            runDay(day);
        }
        runDay("2048-04-29");
        runDay("2048-04-30");

        assertThat(fixtures.periods(leap.get(0)))
                .containsExactly(
                        "2048-01-29..2048-02-29",
                        "2048-02-29..2048-03-29",
                        "2048-03-29..2048-04-29",
                        "2048-04-29..2048-05-29");
        assertThat(fixtures.periods(leap.get(1)))
                .containsExactly(
                        "2048-01-30..2048-02-29",
                        "2048-02-29..2048-03-30",
                        "2048-03-30..2048-04-30",
                        "2048-04-30..2048-05-30");
        assertThat(fixtures.periods(leap.get(2)))
                .containsExactly(
                        "2048-01-31..2048-02-29",
                        "2048-02-29..2048-03-31",
                        "2048-03-31..2048-04-30",
                        "2048-04-30..2048-05-31");
        // a later day bills a missed renewal, so the leap-year members leave before 2049 is billed
        leap.forEach(pledge -> checkout.cancel(new UserId(pledge.patronUserId()), pledge.id()));

        List<Pledge> common = joinOnDays(creator, "2049-01-");
        for (String day : List.of("2049-02-28", "2049-03-01", "2049-03-29", "2049-03-30", "2049-03-31")) {
            runDay(day);
        }
        for (int i = 0; i < 3; i++) {
            int day = 29 + i;
            assertThat(fixtures.periods(common.get(i)))
                    .containsExactly(
                            "2049-01-" + day + "..2049-02-28",
                            "2049-02-28..2049-03-" + day,
                            "2049-03-" + day + "..2049-04-" + Math.min(day, 30));
            assertThat(fixtures.pledge(common.get(i).id()).nextChargeOn())
                    .isEqualTo(LocalDate.parse("2049-04-" + Math.min(day, 30)));
        }
        // every period was paid on the day it started: 3 × 4 in the leap year, 3 × 3 in the common one
        long payments = 21;
        assertThat(fixtures.balance(creator)).isEqualTo(Map.of("USD", payments * (200 - sandboxFee(200))));
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void anAnnualMemberPaysTwelveMonthsUpFrontAtTheDiscountAndRenewsAYearLater() {
        clock.freezeAt(at("2052-02-29T08:00:00Z"));
        Creator creator = fixtures.creator("annual", "USD", BillingModel.MONTHLY, 15);
        User patron = fixtures.patron("annual-patron");
        Pledge pledge = fixtures.join(patron, creator, "5.00", Cadence.ANNUAL, null, fixtures.card(patron, GOOD_CARD));
        assertThat(pledge.nextChargeOn()).isEqualTo(LocalDate.parse("2053-02-28"));

        runDay("2052-03-29");
        runDay("2053-01-29");
        runDay("2053-02-28");

        // 12 × 5.00 less 15% = 51.00, at join and a year later
        assertThat(fixtures.bills(patron).stream().map(b -> b.reason() + " " + b.date() + " " + b.total()))
                .containsExactly("JOIN 2052-02-29 5100", "BILLING_DAY 2053-02-28 5100");
        assertThat(fixtures.periods(pledge)).containsExactly("2052-02-29..2053-02-28", "2053-02-28..2054-02-28");
        assertThat(fixtures.balance(creator)).isEqualTo(Map.of("USD", 2 * (5100 - sandboxFee(5100))));
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aPatronOfCreatorsInThreeCurrenciesGetsOneInvoicePerCurrencyOnTheFirst() {
        clock.freezeAt(at("2045-09-03T10:00:00Z"));
        Creator dollarsA = fixtures.creator("usd-a", "USD", BillingModel.PER_CREATION, 0);
        Creator dollarsB = fixtures.creator("usd-b", "USD", BillingModel.PER_CREATION, 0);
        Creator euros = fixtures.creator("eur", "EUR", BillingModel.PER_CREATION, 0);
        Creator yen = fixtures.creator("jpy", "JPY", BillingModel.PER_CREATION, 0);
        User patron = fixtures.patron("currencies");
        PaymentMethod card = fixtures.card(patron, GOOD_CARD);
        fixtures.join(patron, dollarsA, "2.50", Cadence.PER_CREATION, null, card);
        fixtures.join(patron, dollarsB, "1", Cadence.PER_CREATION, null, card);
        fixtures.join(patron, euros, "3.00", Cadence.PER_CREATION, null, card);
        Pledge yenPledge = fixtures.join(patron, yen, "500", Cadence.PER_CREATION, null, card);
        assertThat(yenPledge.amount()).isEqualTo(Money.of(500, "JPY"));
        for (Creator creator : List.of(dollarsA, dollarsB, euros, yen)) {
            clock.advance(Duration.ofHours(1));
            fixtures.awaitAccruals(fixtures.paidPost(creator, "Paid"), 1);
        }

        clock.freezeAt(at("2045-10-01T00:30:00Z"));
        days.run(LocalDate.parse("2045-10-01"));

        LocalDate first = LocalDate.parse("2045-10-01");
        assertThat(fixtures.bills(patron))
                .containsExactlyInAnyOrder(
                        bill(first, "USD", 350, 2), bill(first, "EUR", 300, 1), bill(first, "JPY", 500, 1));
        assertThat(fixtures.gatewayCharges(patron)).isEqualTo(3);
        // one USD charge: its fee of 40 cents is split 29 / 11 by largest remainder (28.57 / 11.43)
        assertThat(sandboxFee(350)).isEqualTo(40);
        assertThat(fixtures.balance(dollarsA)).isEqualTo(Map.of("USD", 250L - 29));
        assertThat(fixtures.balance(dollarsB)).isEqualTo(Map.of("USD", 100L - 11));
        assertThat(fixtures.balance(euros)).isEqualTo(Map.of("EUR", 300L - 39));
        // yen have no minor unit: 2.9% of ¥500 is ¥14.5, rounded to ¥15, plus ¥30
        assertThat(fixtures.balance(yen)).isEqualTo(Map.of("JPY", 500L - 45));
        assertThat(invariants.check().failures()).isEmpty();
    }

    private List<Pledge> joinOnDays(Creator creator, String monthPrefix) {
        List<Pledge> pledges = new ArrayList<>();
        for (int day = 29; day <= 31; day++) {
            clock.freezeAt(at(monthPrefix + day + "T12:00:00Z"));
            User patron = fixtures.patron("clamp-" + day);
            pledges.add(fixtures.join(patron, creator, "2", Cadence.MONTHLY, null, fixtures.card(patron, GOOD_CARD)));
        }
        return pledges;
    }

    private void runDay(String date) {
        clock.freezeAt(at(date + "T00:30:00Z"));
        days.run(LocalDate.parse(date));
    }

    private Post publishOn(Creator creator, String instant, String title) {
        return publishOn(creator, instant, title, 1);
    }

    private Post publishOn(Creator creator, String instant, String title, int patrons) {
        clock.freezeAt(at(instant));
        Post post = fixtures.paidPost(creator, title);
        fixtures.awaitAccruals(post, patrons);
        return post;
    }

    /** A paid invoice of a billing day. */
    private static Bill bill(LocalDate date, String currency, long total, int lines) {
        return new Bill(date, "BILLING_DAY", currency, total, "PAID", lines);
    }
}
