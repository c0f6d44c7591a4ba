package org.maecenas.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.TierId;
import org.maecenas.money.Money;
import org.maecenas.pledges.Memberships;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one rule for who sees what, asked directly. */
@MaecenasTest
class EntitlementsTests {

    @Autowired
    Entitlements entitlements;

    @Autowired
    Memberships memberships;

    @Autowired
    Posts posts;

    @Autowired
    CreatorWorld worlds;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.maecenas.payments.PaymentMethods methods;

    @Autowired
    MutableClock clock;

    World world;
    Campaign campaign;

    @BeforeEach
    void buildWorld() {
        world = worlds.build("entitled", BillingModel.MONTHLY);
        campaign = world.campaign();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aFollowerSeesMembersPostsUntilTheyCancelTheirFreeFollow() {
        Reader follower = Reader.member(world.follower().id());
        assertThat(entitlements.maySee(follower, world.publicPost(), campaign)).isTrue();
        assertThat(entitlements.maySee(follower, world.membersPost(), campaign)).isTrue();
        assertThat(entitlements.maySee(follower, world.lockedAudioPost(), campaign))
                .isFalse();

        memberships.unfollow(world.follower().id(), campaign);

        assertThat(entitlements.maySee(follower, world.membersPost(), campaign)).isFalse();
        assertThat(entitlements.maySee(follower, world.publicPost(), campaign)).isTrue();
    }

    @Test
    void anonymousAndStrangersSeeOnlyPublicPosts() {
        Reader stranger = Reader.member(users.create("stranger").id());
        for (Reader reader : new Reader[] {Reader.ANONYMOUS, stranger}) {
            assertThat(entitlements.maySee(reader, world.publicPost(), campaign))
                    .isTrue();
            assertThat(entitlements.maySee(reader, world.membersPost(), campaign))
                    .isFalse();
            assertThat(entitlements.maySee(reader, world.lockedAudioPost(), campaign))
                    .isFalse();
        }
    }

    @Test
    void draftsAndDeletedPostsAreOnlyForTheCreatorAndAdminsAndDeletedOnesForNobody() {
        Reader creator = Reader.member(world.creator().id());
        Reader admin = new Reader(users.admin().id(), true);
        Reader follower = Reader.member(world.follower().id());

        assertThat(entitlements.maySee(creator, world.draftPost(), campaign)).isTrue();
        assertThat(entitlements.maySee(admin, world.draftPost(), campaign)).isTrue();
        assertThat(entitlements.maySee(follower, world.draftPost(), campaign)).isFalse();
        assertThat(entitlements.maySee(Reader.ANONYMOUS, world.draftPost(), campaign))
                .isFalse();

        assertThat(entitlements.maySee(creator, world.deletedPost(), campaign)).isFalse();
        assertThat(entitlements.maySee(admin, world.deletedPost(), campaign)).isFalse();
        assertThat(entitlements.maySee(follower, world.deletedPost(), campaign)).isFalse();
    }

    @Test
    void theCreatorAndAdminsSeeEveryPublishedPost() {
        Reader creator = Reader.member(world.creator().id());
        Reader admin = new Reader(users.admin().id(), true);
        for (Reader reader : new Reader[] {creator, admin}) {
            assertThat(entitlements.maySee(reader, world.membersPost(), campaign))
                    .isTrue();
            assertThat(entitlements.maySee(reader, world.lockedAudioPost(), campaign))
                    .isTrue();
        }
    }

    @Test
    void aPayingPatronSeesPatronPostsButNotAfterADeclinedPayment() {
        User patron = users.patron();
        long membership = pledge(patron, 500, world.tier().id(), "ACTIVE", null);
        Reader reader = Reader.member(patron.id());
        assertThat(entitlements.maySee(reader, world.lockedAudioPost(), campaign))
                .isTrue();

        jdbc.sql("update memberships set status = 'DECLINED' where id = :id")
                .param("id", membership)
                .update();

        assertThat(entitlements.maySee(reader, world.lockedAudioPost(), campaign))
                .isFalse();
        assertThat(entitlements.maySee(reader, world.membersPost(), campaign))
                .as("still a member")
                .isTrue();
    }

    @Test
    void aCancelledMonthlyPatronKeepsAccessUntilThePaidPeriodEnds() {
        User patron = users.patron();
        Instant paidThrough = clock.instant().plus(Duration.ofDays(10));
        pledge(patron, 500, world.tier().id(), "CANCELLED", paidThrough);
        Reader reader = Reader.member(patron.id());

        assertThat(entitlements.maySee(reader, world.lockedAudioPost(), campaign))
                .isTrue();

        clock.advance(Duration.ofDays(11));

        assertThat(entitlements.maySee(reader, world.lockedAudioPost(), campaign))
                .isFalse();
        assertThat(entitlements.maySee(reader, world.membersPost(), campaign)).isFalse();
    }

    @Test
    void aTierPostIsForPatronsPledgingAtLeastTheTiersAmount() {
        Post tierPost = posts.publish(
                world.creator().id(),
                posts.create(
                                world.creator().id(),
                                new PostDraft(
                                        "Supporters only",
                                        "tier-body",
                                        PostKind.TEXT,
                                        null,
                                        null,
                                        Access.TIER,
                                        world.tier().id(),
                                        false))
                        .id());
        User small = users.patron();
        User enough = users.patron();
        pledge(small, 499, null, "ACTIVE", null);
        pledge(enough, 500, world.tier().id(), "ACTIVE", null);

        assertThat(entitlements.maySee(Reader.member(small.id()), tierPost, campaign))
                .isFalse();
        assertThat(entitlements.maySee(Reader.member(enough.id()), tierPost, campaign))
                .isTrue();
        assertThat(entitlements.maySee(Reader.member(world.follower().id()), tierPost, campaign))
                .isFalse();
        assertThat(entitlements.requirement(tierPost, campaign)).isEqualTo("Patrons from Supporter up");
    }

    @Test
    void commentsAreForSignedInReadersWithAccessAndLockedCommentsOnlyForTheCreator() {
        Reader follower = Reader.member(world.follower().id());
        Reader creator = Reader.member(world.creator().id());
        assertThat(entitlements.mayComment(Reader.ANONYMOUS, world.publicPost(), campaign))
                .isFalse();
        assertThat(entitlements.mayComment(follower, world.publicPost(), campaign))
                .isTrue();
        assertThat(entitlements.mayComment(follower, world.lockedAudioPost(), campaign))
                .isFalse();

        posts.lockComments(world.creator().id(), world.publicPost().id(), true);
        Post locked = posts.require(world.publicPost().id());

        assertThat(entitlements.mayComment(follower, locked, campaign)).isFalse();
        assertThat(entitlements.mayComment(creator, locked, campaign)).isTrue();
    }

    @Test
    void aPostOfAnotherPageIsNeverSeenThroughThisPage() {
        World other = worlds.build("entitled-other", BillingModel.MONTHLY);
        assertThat(entitlements.maySee(Reader.member(world.creator().id()), other.publicPost(), campaign))
                .isFalse();
    }

    /** A paid monthly membership in a given state, as billing leaves it. */
    private long pledge(
            User patron, long amountMinor, @Nullable TierId tier, String status, @Nullable Instant paidThrough) {
        Instant now = clock.instant();
        long card = methods.add(patron.id().value(), "4242424242424242", "12/40", Money.of(100, "USD"))
                .id();
        return jdbc.sql("""
                        insert into memberships (campaign_id, patron_user_id, tier_id, amount_minor, currency, status,
                               cadence, payment_method_id, paid_through, created_at, updated_at, cancelled_at)
                        values (:campaign, :patron, :tier, :amount, 'USD', :status, 'MONTHLY', :card, :paidThrough,
                               :now, :now, :cancelledAt)
                        returning id
                        """)
                .param("card", card)
                .param("campaign", campaign.id().value())
                .param("patron", patron.id().value())
                .param("tier", tier == null ? null : tier.value())
                .param("amount", amountMinor)
                .param("status", status)
                .param("paidThrough", paidThrough == null ? null : Timestamp.from(paidThrough))
                .param("now", Timestamp.from(now))
                .param("cancelledAt", status.equals("CANCELLED") ? Timestamp.from(now) : null)
                .query(Long.class)
                .single();
    }
}
