package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maecenas.billing.BillingFixtures.DECLINES_LATER;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;
import static org.maecenas.billing.BillingFixtures.LOSES_RESPONSE;
import static org.maecenas.billing.BillingFixtures.SETTLES_LESS;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.accounts.UserId;
import org.maecenas.billing.ArmableCrashPoints.SimulatedCrash;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.SandboxCards;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.posts.Post;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Kills the billing day at every crash point in turn — after each database write and around each
 * gateway call, and inside each transaction before it commits — then restarts it (the janitor
 * resolves what was in flight and the day runs again) and checks that the money invariants hold and
 * that the day ended exactly as an uncrashed day over the same population ends.
 *
 * <p>One seeded population bills one month per iteration: monthly members renew on the 1st, patrons
 * per creation owe for that month's posts, a card that declines is fixed after each day, so every
 * day has the same work and the same outcome.
 */
@IsolatedBillingTest
class CrashSimulationTests {

    private static final long SEED = 20261126L;
    private static final YearMonth FIRST_MONTH = YearMonth.of(2051, 1);
    private static final String[] CARDS = {GOOD_CARD, GOOD_CARD, SETTLES_LESS, DECLINES_LATER, LOSES_RESPONSE};

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
    ArmableCrashPoints crashes;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void reset() {
        crashes.disarm();
        clock.reset();
        fixtures.switches().reset();
    }

    @Test
    void aBillingDayKilledAtAnyCrashPointEndsAsAnUncrashedDayAfterARestart() {
        World world = populate(new Random(SEED));

        Day reference = billMonth(world, 0, 0);
        assertThat(reference.crashedAt()).isNull();
        List<String> points = reference.reached();
        assertThat(reference.summary().invoices()).hasSizeGreaterThanOrEqualTo(5);

        Map<String, Integer> exercised = new TreeMap<>();
        for (int n = 1; n <= points.size(); n++) {
            Day crashed = billMonth(world, n, n);
            assertThat(crashed.crashedAt())
                    .as("crash point %d of a deterministic day", n)
                    .isEqualTo(points.get(n - 1));
            assertThat(crashed.summary())
                    .as("the day after a crash at %s (point %d) and a restart", crashed.crashedAt(), n)
                    .isEqualTo(reference.summary());
            exercised.merge(crashed.crashedAt(), 1, Integer::sum);
        }
        Day beyond = billMonth(world, points.size() + 1, points.size() + 1);
        assertThat(beyond.crashedAt()).as("no point is reached beyond the last").isNull();
        assertThat(beyond.summary()).isEqualTo(reference.summary());

        System.out.println(
                "Crash simulation (seed " + SEED + ", " + world.patrons().size() + " patrons, "
                        + reference.summary().invoices().size() + " invoices a day): crashed and restarted at "
                        + points.size() + " crash points of " + exercised.size() + " kinds: " + exercised);
        assertThat(exercised.keySet())
                .contains(
                        "day:run-started",
                        "day:planned",
                        "day:chunk-written",
                        "day:chunk-invoiced",
                        "charge:attempts-written",
                        "charge:attempts-committed",
                        "charge:gateway-answered",
                        "charge:outcomes-written",
                        "charge:outcomes-committed");
        world.pledges().forEach(p -> checkout.cancel(new UserId(p.patronUserId()), p.id()));
    }

    /** What a billing day left behind for the population, to compare days with. */
    record Summary(
            List<String> invoices,
            int gatewaySuccesses,
            Map<String, Long> balanceChanges,
            int accrualsInvoiced,
            String run) {}

    record Day(@Nullable String crashedAt, List<String> reached, Summary summary) {}

    /** Publishes the month's posts, runs its billing day (crashing at point {@code crashAt}), restarts. */
    private Day billMonth(World world, int monthIndex, int crashAt) {
        YearMonth month = FIRST_MONTH.plusMonths(monthIndex);
        LocalDate day = month.plusMonths(1).atDay(1);
        Map<String, Long> before = balances(world);
        for (int i = 0; i < world.posts().size(); i++) {
            PostPlan plan = world.posts().get(i);
            clock.freezeAt(month.atDay(10 + i).atTime(10, 0).toInstant(ZoneOffset.UTC));
            Post post = fixtures.paidPost(plan.creator(), "Month " + monthIndex + " post " + i);
            fixtures.awaitAccruals(post, plan.patrons());
        }

        clock.freezeAt(day.atTime(LocalTime.of(0, 30)).toInstant(ZoneOffset.UTC));
        String crashedAt = null;
        crashes.arm(crashAt);
        try {
            days.run(day);
        } catch (SimulatedCrash crash) {
            crashedAt = crash.point();
        }
        List<String> reached = crashes.reached();
        crashes.disarm();
        if (crashedAt != null) {
            // the restart: the janitor asks the gateway about attempts in flight, the day resumes
            collections.resolveAll();
            days.run(day);
        }
        // the janitor again, after its grace: lost responses are settled from the gateway's record
        collections.resolveAll();

        assertThat(invariants.check().failures())
                .as("invariants after a crash at %s", crashedAt)
                .isEmpty();
        assertThat(accruals(world, month, "PENDING"))
                .as("no accrual left behind")
                .isZero();
        Summary summary = new Summary(
                invoices(world, day),
                gatewaySuccesses(world, day),
                changes(before, balances(world)),
                accruals(world, month, "INVOICED"),
                run(day));
        recoverDeclinedCards(world);
        return new Day(crashedAt, reached, summary);
    }

    /** The patron whose card declined updates it: the bill is paid and the membership recovers. */
    private void recoverDeclinedCards(World world) {
        clock.advance(Duration.ofHours(6));
        for (int i = 0; i < world.patrons().size(); i++) {
            if (CARDS[i].equals(DECLINES_LATER)) {
                long patron = world.patrons().get(i).id().value();
                int unpaid = jdbc.sql("select count(*) from invoices where patron_user_id = :p and status = 'OPEN'")
                        .param("p", patron)
                        .query(Integer.class)
                        .single();
                fixtures.switches().always(BillingFixtures.token(DECLINES_LATER), SandboxCards.Behaviour.SUCCEED);
                assertThat(collections.retryNow(patron, world.cards().get(i).id()))
                        .isEqualTo(unpaid)
                        .isPositive();
            }
        }
        fixtures.switches().reset();
        assertThat(world.pledges())
                .allSatisfy(p -> assertThat(fixtures.pledge(p.id()).status()).isEqualTo(Pledge.Status.ACTIVE));
    }

    record PostPlan(Creator creator, int patrons) {}

    record World(
            List<Creator> creators,
            List<User> patrons,
            List<PaymentMethod> cards,
            List<Pledge> pledges,
            List<PostPlan> posts) {}

    /**
     * Four creators (USD and EUR per creation, USD and JPY monthly) and five patrons, one per kind of
     * card, each supporting one or two of them (the first both dollar creators) with amounts and caps
     * drawn from the seed.
     */
    private World populate(Random random) {
        clock.freezeAt(FIRST_MONTH.atDay(1).atTime(8, 0).toInstant(ZoneOffset.UTC));
        List<Creator> creators = List.of(
                fixtures.creator("crash-usd-posts", "USD", BillingModel.PER_CREATION, 0),
                fixtures.creator("crash-usd-monthly", "USD", BillingModel.MONTHLY, 0),
                fixtures.creator("crash-eur-posts", "EUR", BillingModel.PER_CREATION, 0),
                fixtures.creator("crash-jpy-monthly", "JPY", BillingModel.MONTHLY, 0));
        List<Set<Integer>> choices = new ArrayList<>();
        // the first patron supports both dollar creators: one invoice with two lines and a split fee
        choices.add(new LinkedHashSet<>(List.of(0, 1)));
        for (int i = 1; i < CARDS.length; i++) {
            Set<Integer> chosen = new LinkedHashSet<>();
            int count = 1 + random.nextInt(2);
            while (chosen.size() < count) {
                chosen.add(random.nextInt(creators.size()));
            }
            choices.add(chosen);
        }
        // every creator has a patron
        for (int c = 0; c < creators.size(); c++) {
            int creator = c;
            if (choices.stream().noneMatch(chosen -> chosen.contains(creator))) {
                choices.get(c).add(creator);
            }
        }
        List<User> patrons = new ArrayList<>();
        List<PaymentMethod> cards = new ArrayList<>();
        List<Pledge> pledges = new ArrayList<>();
        Map<Integer, Integer> onFirstPost = new HashMap<>();
        Map<Integer, Integer> onSecondPost = new HashMap<>();
        for (int i = 0; i < CARDS.length; i++) {
            User patron = fixtures.patron("crash-patron-" + i);
            PaymentMethod card = fixtures.card(patron, CARDS[i]);
            patrons.add(patron);
            cards.add(card);
            for (int c : choices.get(i)) {
                Creator creator = creators.get(c);
                boolean perCreation = creator.campaign().billingModel() == BillingModel.PER_CREATION;
                String amount = creator.campaign().currency().getCurrencyCode().equals("JPY")
                        ? String.valueOf(300 + random.nextInt(2700))
                        : (1 + random.nextInt(perCreation ? 9 : 20)) + "." + (10 + random.nextInt(90));
                Integer cap = perCreation && random.nextBoolean() ? 1 : null;
                if (!perCreation) {
                    // the join payment goes through whatever the card does later
                    fixtures.switches().next(BillingFixtures.token(CARDS[i]), SandboxCards.Behaviour.SUCCEED);
                }
                pledges.add(fixtures.join(
                        patron, creator, amount, perCreation ? Cadence.PER_CREATION : Cadence.MONTHLY, cap, card));
                if (perCreation) {
                    onFirstPost.merge(c, 1, Integer::sum);
                    onSecondPost.merge(c, cap == null ? 1 : 0, Integer::sum);
                }
                fixtures.switches().reset();
            }
        }
        List<PostPlan> posts = List.of(
                new PostPlan(creators.get(0), onFirstPost.getOrDefault(0, 0)),
                new PostPlan(creators.get(2), onFirstPost.getOrDefault(2, 0)),
                new PostPlan(creators.get(0), onSecondPost.getOrDefault(0, 0)));
        System.out.println("Crash simulation population (seed " + SEED + "): "
                + pledges.stream()
                        .map(p -> "patron "
                                + patrons.stream()
                                        .map(u -> u.id().value())
                                        .toList()
                                        .indexOf(p.patronUserId())
                                + " → " + p.cadence() + " " + p.amount() + (p.monthlyCap() == null ? "" : " cap 1"))
                        .collect(Collectors.joining(", ")));
        return new World(
                creators,
                patrons,
                cards,
                pledges,
                posts.stream().filter(p -> p.patrons() > 0).toList());
    }

    private Map<String, Long> balances(World world) {
        Map<String, Long> all = new TreeMap<>();
        for (int c = 0; c < world.creators().size(); c++) {
            int creator = c;
            fixtures.balance(world.creators().get(c))
                    .forEach((currency, amount) -> all.put("creator " + creator + " " + currency, amount));
        }
        return all;
    }

    private static Map<String, Long> changes(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> changes = new TreeMap<>();
        after.forEach((key, amount) -> changes.put(key, amount - before.getOrDefault(key, 0L)));
        return changes;
    }

    private List<Long> patronIds(World world) {
        return world.patrons().stream().map(u -> u.id().value()).toList();
    }

    /** The day's invoices of the population: who, what currency, how much, how it ended. */
    private List<String> invoices(World world, LocalDate day) {
        List<Long> ids = patronIds(world);
        return jdbc
                .sql("""
                        select i.patron_user_id, i.currency, i.total_minor, i.status, i.failures,
                               (select count(*) from invoice_lines l where l.invoice_id = i.id) as lines
                          from invoices i
                         where i.patron_user_id in (:patrons) and i.billing_date = :day and i.reason = 'BILLING_DAY'
                        """)
                .param("patrons", ids)
                .param("day", Date.valueOf(day))
                .query((rs, n) -> "patron " + ids.indexOf(rs.getLong(1)) + " " + rs.getLong(3) + " "
                        + rs.getString(2) + " in " + rs.getInt(6) + " lines: " + rs.getString(4) + ", "
                        + rs.getInt(5) + " declines")
                .list()
                .stream()
                .sorted()
                .toList();
    }

    private int gatewaySuccesses(World world, LocalDate day) {
        return jdbc.sql("""
                        select count(*) from sandbox_charges s
                          join payment_attempts a on a.idempotency_key = s.idempotency_key
                          join invoices i on i.id = a.invoice_id
                         where i.patron_user_id in (:patrons) and i.billing_date = :day
                           and i.reason = 'BILLING_DAY' and s.outcome = 'SUCCEEDED'
                        """)
                .param("patrons", patronIds(world))
                .param("day", Date.valueOf(day))
                .query(Integer.class)
                .single();
    }

    private int accruals(World world, YearMonth month, String status) {
        return jdbc.sql("""
                        select count(*) from accruals
                         where membership_id in (:pledges) and accrual_month = :month and status = :status
                        """)
                .param("pledges", world.pledges().stream().map(Pledge::id).toList())
                .param("month", Date.valueOf(month.atDay(1)))
                .param("status", status)
                .query(Integer.class)
                .single();
    }

    private String run(LocalDate day) {
        return jdbc.sql("select stage, planned, invoiced, charged from billing_runs where billing_date = :day")
                .param("day", Date.valueOf(day))
                .query((rs, n) -> rs.getString(1) + ": " + rs.getInt(2) + " planned, " + rs.getInt(3) + " invoiced, "
                        + rs.getInt(4) + " charged")
                .single();
    }
}
