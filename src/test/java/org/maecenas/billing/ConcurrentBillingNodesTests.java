package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maecenas.billing.BillingFixtures.DECLINES_LATER;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;
import static org.maecenas.billing.BillingFixtures.LOSES_RESPONSE;
import static org.maecenas.billing.BillingFixtures.SETTLES_LESS;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.MaecenasApplication;
import org.maecenas.accounts.User;
import org.maecenas.accounts.UserId;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.SandboxCards;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.posts.Post;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.TestClockConfiguration;
import org.maecenas.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two application instances on one database run the same billing day at the same moment (the second
 * on two threads), and the day ends exactly as it would on one: one invoice per patron and currency, one attempt each, each
 * paid at most once, the ledger balanced.
 */
@IsolatedBillingTest
class ConcurrentBillingNodesTests {

    private static final long SEED = 61L;
    private static final YearMonth MONTH = YearMonth.of(2061, 3);
    private static final String[] CARDS = {
        GOOD_CARD, GOOD_CARD, GOOD_CARD, GOOD_CARD, SETTLES_LESS, DECLINES_LATER, DECLINES_LATER, LOSES_RESPONSE
    };

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    BillingDays days;

    @Autowired
    Collections collections;

    @Autowired
    Checkout checkout;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource pool;

    @AfterEach
    void reset() {
        clock.reset();
        fixtures.switches().reset();
    }

    @Test
    void twoNodesRunningTheSameBillingDayAtOnceProduceExactlyWhatOneWould() throws Exception {
        Population population = populate(new Random(SEED), 18);
        LocalDate day = MONTH.plusMonths(1).atDay(1);
        Instant start = day.atTime(0, 30).toInstant(ZoneOffset.UTC);

        try (ConfigurableApplicationContext second = startSecondNode()) {
            MutableClock secondClock = second.getBean(MutableClock.class);
            clock.freezeAt(start);
            secondClock.freezeAt(start);
            List<BillingDays> nodes = List.of(days, second.getBean(BillingDays.class));
            CyclicBarrier together = new CyclicBarrier(nodes.size());
            ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (BillingDays node : nodes) {
                    runs.add(threads.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return node.run(day);
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(120, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
        }
        collections.resolveAll();

        List<Long> patrons =
                population.patrons().stream().map(u -> u.id().value()).toList();
        int expected = population.dueInvoices().size();
        assertThat(count("""
                        select count(*) from invoices where patron_user_id in (:patrons) and billing_date = :day
                           and reason = 'BILLING_DAY'
                        """, patrons, day))
                .as("one invoice per patron and currency due")
                .isEqualTo(expected);
        assertThat(invoiceKeys(patrons, day)).containsExactlyInAnyOrderElementsOf(population.dueInvoices());
        assertThat(count("""
                        select count(*) from payment_attempts a join invoices i on i.id = a.invoice_id
                         where i.patron_user_id in (:patrons) and i.billing_date = :day and i.reason = 'BILLING_DAY'
                        """, patrons, day)).as("one attempt per invoice").isEqualTo(expected);
        assertThat(count("""
                        select count(*) from sandbox_charges s join payment_attempts a on a.idempotency_key = s.idempotency_key
                          join invoices i on i.id = a.invoice_id
                         where i.patron_user_id in (:patrons) and i.billing_date = :day and i.reason = 'BILLING_DAY'
                        """, patrons, day))
                .as("one gateway charge per invoice")
                .isEqualTo(expected);
        int declined = population.declinedInvoices();
        assertThat(count("""
                        select count(*) from invoices where patron_user_id in (:patrons) and billing_date = :day
                           and reason = 'BILLING_DAY' and status = 'PAID'
                        """, patrons, day)).isEqualTo(expected - declined);
        assertThat(count("""
                        select count(*) from invoices where patron_user_id in (:patrons) and billing_date = :day
                           and reason = 'BILLING_DAY' and status = 'OPEN' and failures = 1
                        """, patrons, day)).isEqualTo(declined);
        assertThat(totals(patrons, day)).isEqualTo(population.totals());
        assertThat(jdbc.sql("select stage || ' ' || planned || ' ' || invoiced || ' ' || charged from billing_runs"
                                + " where billing_date = :day")
                        .param("day", Date.valueOf(day))
                        .query(String.class)
                        .single())
                .isEqualTo("DONE " + expected + " " + expected + " " + expected);
        assertThat(invariants.check().failures()).isEmpty();

        // leave nothing due for the other tests on this database
        clock.freezeAt(start.plusSeconds(3600));
        population.pledges().forEach(p -> checkout.cancel(new UserId(p.patronUserId()), p.id()));
    }

    private ConfigurableApplicationContext startSecondNode() {
        String databaseUrl = TestDatabase.url(pool);
        return new SpringApplicationBuilder(MaecenasApplication.class, TestClockConfiguration.class)
                .run(
                        "--DATABASE_URL=" + databaseUrl,
                        "--server.port=0",
                        "--db-scheduler.enabled=false",
                        "--spring.modulith.events.republish-outstanding-events-on-restart=false",
                        "--maecenas.billing.shards=3",
                        // the second node works on two shards at once, in chunks of three,
                        "--maecenas.billing.workers=2",
                        "--maecenas.billing.chunk-size=3",
                        // and its statements take one turn at the database: one runs while the other worker prepares
                        "--maecenas.billing.database-turns=1",
                        "--maecenas.media.directory=target/test-media",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN");
    }

    record Population(
            List<User> patrons,
            List<Pledge> pledges,
            Set<String> dueInvoices,
            int declinedInvoices,
            Map<String, Long> totals) {}

    /**
     * Patrons with seeded cards and one to three of four creators (USD and EUR per creation, USD and
     * JPY monthly), and a month of paid posts. Returns what one node would bill on the 1st.
     */
    private Population populate(Random random, int size) {
        clock.freezeAt(MONTH.atDay(1).atTime(8, 0).toInstant(ZoneOffset.UTC));
        List<Creator> creators = List.of(
                fixtures.creator("nodes-usd-posts", "USD", BillingModel.PER_CREATION, 0),
                fixtures.creator("nodes-usd-monthly", "USD", BillingModel.MONTHLY, 0),
                fixtures.creator("nodes-eur-posts", "EUR", BillingModel.PER_CREATION, 0),
                fixtures.creator("nodes-jpy-monthly", "JPY", BillingModel.MONTHLY, 0));
        List<User> patrons = new ArrayList<>();
        List<Pledge> pledges = new ArrayList<>();
        Set<String> due = new HashSet<>();
        Set<String> declined = new HashSet<>();
        Map<String, Long> totals = new HashMap<>();
        int[] perCreationPatrons = new int[creators.size()];
        for (int i = 0; i < size; i++) {
            String number = CARDS[random.nextInt(CARDS.length)];
            User patron = fixtures.patron("nodes-" + i);
            PaymentMethod card = fixtures.card(patron, number);
            patrons.add(patron);
            Set<Integer> chosen = new HashSet<>();
            int count = 1 + random.nextInt(3);
            while (chosen.size() < count) {
                chosen.add(random.nextInt(creators.size()));
            }
            for (int c : chosen) {
                Creator creator = creators.get(c);
                String currency = creator.campaign().currency().getCurrencyCode();
                boolean perCreation = creator.campaign().billingModel() == BillingModel.PER_CREATION;
                long minor = currency.equals("JPY") ? 100 + random.nextInt(3000) : 100 + random.nextInt(2000);
                String amount = currency.equals("JPY")
                        ? String.valueOf(minor)
                        : String.format("%d.%02d", minor / 100, minor % 100);
                if (!perCreation) {
                    fixtures.switches().next(BillingFixtures.token(number), SandboxCards.Behaviour.SUCCEED);
                }
                pledges.add(fixtures.join(
                        patron, creator, amount, perCreation ? Cadence.PER_CREATION : Cadence.MONTHLY, null, card));
                fixtures.switches().reset();
                if (perCreation) {
                    perCreationPatrons[c]++;
                }
                String key = "patron " + i + " " + currency;
                due.add(key);
                // per creation: one paid post a month each; monthly: the renewal
                if (!number.equals(DECLINES_LATER)) {
                    totals.merge(currency, minor, Long::sum);
                } else {
                    declined.add(key);
                }
            }
        }
        for (int c : new int[] {0, 2}) {
            clock.freezeAt(MONTH.atDay(10 + c).atTime(10, 0).toInstant(ZoneOffset.UTC));
            Post post = fixtures.paidPost(creators.get(c), "Paid post of March");
            fixtures.awaitAccruals(post, perCreationPatrons[c]);
        }
        return new Population(patrons, pledges, due, declined.size(), totals);
    }

    private int count(String sql, List<Long> patrons, LocalDate day) {
        return jdbc.sql(sql)
                .param("patrons", patrons)
                .param("day", Date.valueOf(day))
                .query(Integer.class)
                .single();
    }

    private Set<String> invoiceKeys(List<Long> patrons, LocalDate day) {
        return new HashSet<>(jdbc.sql("""
                        select patron_user_id, currency from invoices where patron_user_id in (:patrons)
                           and billing_date = :day and reason = 'BILLING_DAY'
                        """)
                .param("patrons", patrons)
                .param("day", Date.valueOf(day))
                .query((rs, n) -> "patron " + patrons.indexOf(rs.getLong(1)) + " " + rs.getString(2))
                .list());
    }

    private Map<String, Long> totals(List<Long> patrons, LocalDate day) {
        Map<String, Long> totals = new HashMap<>();
        jdbc.sql("""
                        select currency, sum(total_minor) from invoices where patron_user_id in (:patrons)
                           and billing_date = :day and reason = 'BILLING_DAY' and status = 'PAID' group by currency
                        """)
                .param("patrons", patrons)
                .param("day", Date.valueOf(day))
                .query((rs, n) -> totals.put(rs.getString(1), rs.getLong(2)))
                .list();
        return totals;
    }
}
