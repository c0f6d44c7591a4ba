package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.pledges.Pledge;
import org.maecenas.posts.Post;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accruals carry no foreign keys (they cost half of a big post's accruals); what the keys guarded
 * holds by other means: their parents are never deleted, and {@code ledger verify} names an accrual
 * whose membership or post doesn't match.
 */
@MaecenasTest
class AccrualReferencesTests {

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void membershipsAndPostsAreNeverDeletedAndAnAccrualNamingAnotherCampaignsPostIsReported() {
        clock.freezeAt(Instant.parse("2072-03-03T10:00:00Z"));
        Creator creator = fixtures.creator("refs", "USD", BillingModel.PER_CREATION, 0);
        Creator other = fixtures.creator("refs-other", "USD", BillingModel.PER_CREATION, 0);
        User patron = fixtures.patron("refs-patron");
        Pledge pledge = fixtures.join(patron, creator, "2.00", null, null, fixtures.card(patron, GOOD_CARD));
        Post post = fixtures.paidPost(creator, "Accrued");
        fixtures.awaitAccruals(post, 1);
        Post elsewhere = fixtures.paidPost(other, "Someone else's");

        assertThatThrownBy(() -> jdbc.sql("delete from memberships where id = :id")
                        .param("id", pledge.id())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("memberships rows are never deleted");
        assertThatThrownBy(() -> jdbc.sql("delete from posts where id = :id")
                        .param("id", post.id().value())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("posts rows are never deleted");

        String[] broken = new String[1];
        String report = transactions.execute(tx -> {
            long accrual = jdbc.sql("""
                            update accruals set post_id = :elsewhere where membership_id = :membership
                            returning id
                            """)
                    .param("elsewhere", elsewhere.id().value())
                    .param("membership", pledge.id())
                    .query(Long.class)
                    .single();
            tx.setRollbackOnly();
            broken[0] = "accrual " + accrual + " names membership " + pledge.id() + " and post "
                    + elsewhere.id().value();
            return invariants.check().text();
        });
        assertThat(report)
                .contains("every accrual's membership (with its campaign and patron) and post exist: " + broken[0]);
        assertThat(invariants.check().text()).doesNotContain(broken[0]);
    }
}
