package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.ledger.Ledger;
import org.maecenas.money.Money;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.posts.Access;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostDraft;
import org.maecenas.posts.PostKind;
import org.maecenas.posts.Posts;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@MaecenasTest
class BillingFlowTests {

    @Autowired
    CreatorWorld worlds;

    @Autowired
    TestUsers users;

    @Autowired
    PaymentMethods methods;

    @Autowired
    Checkout checkout;

    @Autowired
    Posts posts;

    @Autowired
    BillingDays days;

    @Autowired
    Ledger ledger;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aPerCreationPatronIsBilledOnTheFirstForLastMonthsPaidPosts() {
        clock.freezeAt(Instant.parse("2031-03-10T12:00:00Z"));
        CreatorWorld.World world = worlds.build("perpost", BillingModel.PER_CREATION);
        User patron = users.create("payer");
        PaymentMethod card = methods.add(patron.id().value(), "4242 4242 4242 4242", "12/35", Money.of(100, "USD"));

        Checkout.Outcome2 joined = checkout.join(
                patron.id(),
                world.campaign(),
                new Checkout.JoinRequest(world.tier().id(), "5.00", Cadence.PER_CREATION, 3, card.id()));
        assertThat(joined.ok()).isTrue();
        assertThat(joined.pledge().status()).isEqualTo(Pledge.Status.ACTIVE);

        for (int i = 1; i <= 5; i++) {
            clock.advance(Duration.ofHours(1));
            Post post = posts.create(
                    world.creator().id(),
                    new PostDraft("Paid episode " + i, "notes", PostKind.TEXT, null, null, Access.PATRONS, null, true));
            posts.publish(world.creator().id(), post.id());
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> accruals(joined.pledge().id()) == 3);

        clock.freezeAt(Instant.parse("2031-04-01T00:30:00Z"));
        days.run(LocalDate.parse("2031-04-01"));

        long total = jdbc.sql("select total_minor from invoices where patron_user_id = :p and status = 'PAID'")
                .param("p", patron.id().value())
                .query(Long.class)
                .single();
        assertThat(total).as("5 paid posts against a cap of 3").isEqualTo(1500);
        // sandbox fee: 2.9% of 15.00 is 43.5 cents, rounded half up to 44, plus 30 cents
        long fee = 74;
        assertThat(ledger.creatorBalance(world.campaign().id().value())).containsEntry("USD", 1500 - fee);
        assertThat(invariants.check().failures()).isEmpty();

        // running the same day again changes nothing
        long invoices =
                jdbc.sql("select count(*) from invoices").query(Long.class).single();
        days.run(LocalDate.parse("2031-04-01"));
        assertThat(jdbc.sql("select count(*) from invoices").query(Long.class).single())
                .isEqualTo(invoices);
    }

    @Test
    void aMonthlyMemberPaysAtJoinAndAgainOnTheAnniversaryClampedToMonthEnd() {
        clock.freezeAt(Instant.parse("2031-01-31T15:00:00Z"));
        CreatorWorld.World world = worlds.build("monthly", BillingModel.MONTHLY);
        User patron = users.create("monthly-payer");
        PaymentMethod card = methods.add(patron.id().value(), "4242424242424242", "12/35", Money.of(100, "USD"));

        Checkout.Outcome2 joined = checkout.join(
                patron.id(), world.campaign(), new Checkout.JoinRequest(null, "7", Cadence.MONTHLY, null, card.id()));
        assertThat(joined.ok()).as(joined.message()).isTrue();
        Pledge pledge = joined.pledge();
        assertThat(pledge.status()).isEqualTo(Pledge.Status.ACTIVE);
        assertThat(pledge.nextChargeOn()).isEqualTo(LocalDate.parse("2031-02-28"));

        clock.freezeAt(Instant.parse("2031-02-28T01:00:00Z"));
        days.run(LocalDate.parse("2031-02-28"));
        assertThat(paidInvoices(patron)).isEqualTo(2);
        clock.freezeAt(Instant.parse("2031-03-31T01:00:00Z"));
        days.run(LocalDate.parse("2031-03-31"));
        assertThat(paidInvoices(patron)).isEqualTo(3);
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aCardThatDeclinesAtJoinCreatesNoMembership() {
        CreatorWorld.World world = worlds.build("declined", BillingModel.MONTHLY);
        User patron = users.create("declined-payer");
        PaymentMethod card = methods.add(patron.id().value(), "4000000000000341", "12/35", Money.of(100, "USD"));

        Checkout.Outcome2 joined = checkout.join(
                patron.id(), world.campaign(), new Checkout.JoinRequest(null, "7", Cadence.MONTHLY, null, card.id()));

        assertThat(joined.ok()).isFalse();
        assertThat(joined.message()).contains("declined");
        long live = jdbc.sql(
                        "select count(*) from memberships where patron_user_id = :p and status in ('ACTIVE','INCOMPLETE')")
                .param("p", patron.id().value())
                .query(Long.class)
                .single();
        assertThat(live).isZero();
        assertThat(invariants.check().failures()).isEmpty();
    }

    private int accruals(long pledge) {
        return jdbc.sql("select count(*) from accruals where membership_id = :m and status <> 'VOID'")
                .param("m", pledge)
                .query(Integer.class)
                .single();
    }

    private long paidInvoices(User patron) {
        return jdbc.sql("select count(*) from invoices where patron_user_id = :p and status = 'PAID'")
                .param("p", patron.id().value())
                .query(Long.class)
                .single();
    }
}
