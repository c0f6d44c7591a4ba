package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.billing.internal.AccrualRepository;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.pledges.Cadence;
import org.maecenas.posts.Access;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostDraft;
import org.maecenas.posts.PostKind;
import org.maecenas.posts.Posts;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A post's accruals belong to the month it was published in, and its event may be handled after
 * that month was billed (late, or replayed after a restart). The monthly cap then still counts the
 * month's accruals that were billed meanwhile: a patron is never billed for more creations in a
 * month than their cap.
 */
@MaecenasTest
class LateAccrualTests {

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    AccrualRepository accruals;

    @Autowired
    Posts posts;

    @Autowired
    BillingDays days;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aPostHandledAfterItsMonthWasBilledCountsTheBilledAccrualsAgainstTheCap() {
        clock.freezeAt(Instant.parse("2073-11-20T10:00:00Z"));
        Creator creator = fixtures.creator("late-accrual", "USD", BillingModel.PER_CREATION, 0);
        User patron = fixtures.patron("late-accrual-patron");
        fixtures.join(patron, creator, "2.00", Cadence.PER_CREATION, 1, fixtures.card(patron, GOOD_CARD));
        Post first = fixtures.paidPost(creator, "First of November");
        fixtures.awaitAccruals(first, 1);
        clock.freezeAt(Instant.parse("2073-11-30T23:59:00Z"));
        Post second = posts.create(
                creator.user().id(),
                new PostDraft("Second of November", "notes", PostKind.TEXT, null, null, Access.PATRONS, null, true));

        clock.freezeAt(Instant.parse("2073-12-01T00:30:00Z"));
        days.run(LocalDate.parse("2073-12-01"));
        assertThat(fixtures.accrualsOfPost(first, "INVOICED")).isEqualTo(1);

        // the second post's publication, of 30 November, handled only now
        int accrued = accruals.accrue(
                creator.campaignId(),
                second.id().value(),
                Instant.parse("2073-11-30T23:59:00Z"),
                LocalDate.parse("2073-11-01"));

        assertThat(accrued)
                .as("November's one paid creation was billed already")
                .isZero();
        assertThat(invariants.check().failures()).isEmpty();
    }
}
