package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.internal.RunRepository.Run;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.money.Money;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.pledges.Cadence;
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

/**
 * A scheduled billing day hands each shard to a task, and a node runs several such tasks at once on
 * the scheduler's threads; their statements take the node's turns at the database (one by default).
 * All the shards at once end the day as one thread would: every patron invoiced and paid once, the
 * day closed by whichever shard finished last, the ledger whole.
 */
@MaecenasTest
class ScheduledBillingDayTests {

    private static final int PATRONS = 12;

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
    BillingProperties properties;

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
    void everyShardAtOnceEndsTheDayAsOneThreadWould() throws Exception {
        assertThat(properties.databaseTurns()).as("the default").isEqualTo(1);
        clock.freezeAt(Instant.parse("2033-02-10T12:00:00Z"));
        CreatorWorld.World world = worlds.build("scheduled", BillingModel.PER_CREATION);
        List<User> patrons = new ArrayList<>();
        for (int i = 0; i < PATRONS; i++) {
            User patron = users.create("scheduled-" + i);
            PaymentMethod card = methods.add(patron.id().value(), "4242424242424242", "12/35", Money.of(100, "USD"));
            assertThat(checkout.join(
                                    patron.id(),
                                    world.campaign(),
                                    new Checkout.JoinRequest(
                                            world.tier().id(), "5.00", Cadence.PER_CREATION, null, card.id()))
                            .ok())
                    .isTrue();
            patrons.add(patron);
        }
        clock.advance(Duration.ofHours(1));
        Post post = posts.create(
                world.creator().id(),
                new PostDraft("Scheduled episode", "notes", PostKind.TEXT, null, null, Access.PATRONS, null, true));
        posts.publish(world.creator().id(), post.id());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from accruals where post_id = :p")
                                .param("p", post.id().value())
                                .query(Long.class)
                                .single()
                        == PATRONS);

        LocalDate day = LocalDate.parse("2033-03-01");
        clock.freezeAt(Instant.parse("2033-03-01T00:30:00Z"));
        Run run = days.plan(day);
        try (ExecutorService scheduler = Executors.newFixedThreadPool(run.shards())) {
            List<Future<?>> shards = new ArrayList<>();
            for (int shard = 0; shard < run.shards(); shard++) {
                int s = shard;
                shards.add(scheduler.submit(() -> days.runShard(run.id(), s)));
            }
            for (Future<?> shard : shards) {
                shard.get();
            }
        }

        assertThat(days.find(day).orElseThrow().stage()).isEqualTo("DONE");
        assertThat(jdbc.sql("""
                                select count(*) from invoices
                                 where billing_date = :day and status = 'PAID' and total_minor = 500
                                   and patron_user_id = any(:patrons)
                                """)
                        .param("day", java.sql.Date.valueOf(day))
                        .param(
                                "patrons",
                                patrons.stream().map(p -> p.id().value()).toArray(Long[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(PATRONS);
        assertThat(invariants.check().failures()).isEmpty();
    }
}
