package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.billing.internal.RunRepository.Run;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.pledges.Cadence;
import org.maecenas.posts.Post;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A day's plan is written once, as chunks of patrons in each shard's order, and a chunk taken out of
 * it is gone for good: a node that found the day unplanned, and was overtaken by another that
 * planned it and invoiced from the plan, does not write the taken chunks again. (In 2019: before
 * anything the other tests of this database made, so its day is this test's alone.)
 */
@IsolatedBillingTest
class BillingPlanTests {

    private static final YearMonth MONTH = YearMonth.of(2019, 5);
    private static final int PATRONS = 9; // three to each of the three shards, two to a chunk

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    BillingDays days;

    @Autowired
    ArmableCrashPoints crashes;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void reset() {
        crashes.disarm();
        clock.reset();
    }

    @Test
    void aNodeOvertakenWhilePlanningDoesNotPlanAgainWhatTheOtherAlreadyInvoiced() {
        List<Long> patrons = populate();
        LocalDate day = MONTH.plusMonths(1).atDay(1);
        clock.freezeAt(day.atTime(0, 30).toInstant(ZoneOffset.UTC));
        int[] invoicedByTheOther = new int[1];
        crashes.interruptOnceAt("day:run-started", () -> {
            Run planned = days.plan(day);
            invoicedByTheOther[0] = days.invoiceShard(planned.id(), 0);
        });

        Run run = days.plan(day);

        assertThat(invoicedByTheOther[0]).as("shard 0's patrons").isEqualTo(PATRONS / 3);
        assertThat(run.planned()).isEqualTo(PATRONS);
        assertThat(jdbc.sql("""
                                select shard, cardinality(patrons) from billing_plan_chunks
                                 where run_id = :run order by shard, chunk
                                """)
                        .param("run", run.id())
                        .query((rs, n) -> rs.getInt(1) + ":" + rs.getInt(2))
                        .list())
                .as("shard 0 invoiced and gone; the others in chunks of two")
                .containsExactly("1:2", "1:1", "2:2", "2:1");

        assertThat(days.run(day).stage()).isEqualTo("DONE");
        assertThat(jdbc.sql("""
                                select count(*) from invoices
                                 where patron_user_id = any(:patrons) and billing_date = :day and status = 'PAID'
                                """)
                        .param("patrons", patrons.toArray(Long[]::new))
                        .param("day", Date.valueOf(day))
                        .query(Integer.class)
                        .single())
                .as("each patron invoiced and paid once")
                .isEqualTo(PATRONS);
        assertThat(days.find(day).orElseThrow().invoiced()).isEqualTo(PATRONS);
        assertThat(invariants.check().failures()).isEmpty();
    }

    /** Patrons of one per-creation creator whose ids fall three to each shard, and a paid post. */
    private List<Long> populate() {
        clock.freezeAt(MONTH.atDay(2).atTime(9, 0).toInstant(ZoneOffset.UTC));
        Creator creator = fixtures.creator("plan-chunks", "USD", BillingModel.PER_CREATION, 0);
        List<Long> patrons = new ArrayList<>();
        int[] perShard = new int[3];
        for (int i = 0; patrons.size() < PATRONS; i++) {
            User patron = fixtures.patron("plan-chunks-" + i);
            int shard = (int) (patron.id().value() % 3);
            if (perShard[shard] == PATRONS / 3) {
                continue; // a patron with nothing due
            }
            perShard[shard]++;
            fixtures.join(patron, creator, "3.00", Cadence.PER_CREATION, null, fixtures.card(patron, GOOD_CARD));
            patrons.add(patron.id().value());
        }
        clock.freezeAt(MONTH.atDay(12).atTime(9, 0).toInstant(ZoneOffset.UTC));
        Post post = fixtures.paidPost(creator, "Paid post of May");
        fixtures.awaitAccruals(post, PATRONS);
        return patrons;
    }
}
