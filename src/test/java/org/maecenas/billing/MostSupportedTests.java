package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.pledges.Memberships;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The explore page's "most supported" ranking: campaigns ordered by paying patrons, counted at most
 * once a minute (it reads every active membership), then counted again.
 */
@MaecenasTest
class MostSupportedTests {

    private static final int ALL = 100_000;

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    Memberships memberships;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void campaignsAreRankedByPayingPatronsAndTheRankingIsCountedAgainAfterAMinute() {
        clock.freezeAt(Instant.parse("2073-05-05T10:00:00Z"));
        Creator popular = fixtures.creator("ranked-popular", "USD", BillingModel.MONTHLY, 0);
        Creator rising = fixtures.creator("ranked-rising", "USD", BillingModel.MONTHLY, 0);
        for (int i = 0; i < 3; i++) {
            pay(fixtures.patron("ranked-popular-" + i), popular);
        }
        pay(fixtures.patron("ranked-rising-0"), rising);

        List<Long> ranking = memberships.mostSupported(ALL);
        assertThat(ranking).containsSubsequence(id(popular), id(rising));

        for (int i = 1; i < 5; i++) {
            pay(fixtures.patron("ranked-rising-" + i), rising);
        }
        clock.advance(Duration.ofSeconds(59));
        assertThat(memberships.mostSupported(ALL))
                .as("counted less than a minute ago")
                .isEqualTo(ranking);

        clock.advance(Duration.ofSeconds(2));
        assertThat(memberships.mostSupported(ALL))
                .as("a minute later, counted again: 5 paying patrons against 3")
                .containsSubsequence(id(rising), id(popular));
    }

    private void pay(User patron, Creator creator) {
        fixtures.join(
                patron, creator, "5.00", org.maecenas.pledges.Cadence.MONTHLY, null, fixtures.card(patron, GOOD_CARD));
    }

    private static long id(Creator creator) {
        return creator.campaign().id().value();
    }
}
