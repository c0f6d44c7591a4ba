package org.maecenas.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingDays;
import org.maecenas.billing.Checkout;
import org.maecenas.campaigns.TierId;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Patrons made through the real services: sandbox cards, joins through {@link Checkout}, paid posts
 * whose accruals arrive, and billing days run at a frozen moment of the test clock.
 */
@Component
public class Patrons {

    /** Pays. */
    public static final String GOOD_CARD = "4242424242424242";
    /** Is saved, then declines every charge (a card that went bad). */
    public static final String GOES_BAD = "4000000000000341";
    /** Refused when saved. */
    public static final String REFUSED = "4000000000000002";

    private final TestUsers users;
    private final PaymentMethods methods;
    private final Checkout checkout;
    private final Posts posts;
    private final BillingDays days;
    private final org.springframework.beans.factory.ObjectProvider<MutableClock> clocks;
    private final JdbcClient jdbc;

    Patrons(
            TestUsers users,
            PaymentMethods methods,
            Checkout checkout,
            Posts posts,
            BillingDays days,
            org.springframework.beans.factory.ObjectProvider<MutableClock> clocks,
            JdbcClient jdbc) {
        this.users = users;
        this.methods = methods;
        this.checkout = checkout;
        this.posts = posts;
        this.days = days;
        // lazily: nodes started without the test clock (DatabaseModesTests) scan this class too
        this.clocks = clocks;
        this.jdbc = jdbc;
    }

    public PaymentMethod card(User user, String number) {
        return methods.add(user.id().value(), number, "12/99", Money.of(100, "USD"));
    }

    /** Joins per creation (the world must be a per-creation one). */
    public Pledge perCreation(
            User patron, CreatorWorld.World world, String amount, @Nullable Integer cap, String card) {
        Checkout.Outcome2 joined = checkout.join(
                patron.id(),
                world.campaign(),
                new Checkout.JoinRequest(
                        world.tier().id(),
                        amount,
                        Cadence.PER_CREATION,
                        cap,
                        card(patron, card).id()));
        if (!joined.ok()) {
            throw new IllegalStateException(joined.message());
        }
        return joined.pledge();
    }

    /** Joins a monthly world, paying at once with a new card. */
    public Pledge monthly(User patron, CreatorWorld.World world, @Nullable TierId tier, String amount, String card) {
        return monthly(patron, world, tier, amount, card(patron, card).id());
    }

    /** Joins a monthly world, paying at once with a saved card. */
    public Pledge monthly(User patron, CreatorWorld.World world, @Nullable TierId tier, String amount, long cardId) {
        Checkout.Outcome2 joined = checkout.join(
                patron.id(), world.campaign(), new Checkout.JoinRequest(tier, amount, Cadence.MONTHLY, null, cardId));
        if (!joined.ok()) {
            throw new IllegalStateException(joined.message());
        }
        return joined.pledge();
    }

    /** Publishes a paid patrons-only post and waits until {@code accruals} accruals exist for it. */
    public Post publishPaid(CreatorWorld.World world, String title, int accruals) {
        Post post = posts.create(
                world.creator().id(),
                new PostDraft(title, "Paid notes: " + title, PostKind.TEXT, null, null, Access.PATRONS, null, true));
        Post published = posts.publish(world.creator().id(), post.id());
        await().atMost(Duration.ofSeconds(20)).until(() -> accrualsOf(published) >= accruals);
        return published;
    }

    public int accrualsOf(Post post) {
        return jdbc.sql("select count(*) from accruals where post_id = :p and status <> 'VOID'")
                .param("p", post.id().value())
                .query(Integer.class)
                .single();
    }

    /**
     * Runs a billing day at 00:30 of {@code date} on the test clock; the clock stays there. The
     * database is shared by every test class, so each test bills its own day.
     */
    public void billingDay(LocalDate date) {
        if (days.find(date).isPresent()) {
            // a day runs once: a second run only finishes what is missing, so it would bill nothing new
            throw new IllegalStateException("billing day " + date + " has run already (in another test?): use another");
        }
        clocks.getObject().freezeAt(Instant.parse(date + "T00:30:00Z"));
        days.run(date);
    }

    public long latestInvoice(User patron) {
        return jdbc.sql("select max(id) from invoices where patron_user_id = :p")
                .param("p", patron.id().value())
                .query(Long.class)
                .single();
    }

    /** The walk's patrons: one in good standing, one declined, one cancelled. */
    public record Cast(
            User patron, User declined, User cancelled, List<Long> pledges, long paidInvoice, long unpaidInvoice) {}

    /**
     * Everything happens in January 2044 on a frozen clock (a date no other test bills), so the
     * billing day bills these patrons and disturbs nothing else; the clock is reset afterwards.
     */
    public Cast cast(CreatorWorld.World perCreation, CreatorWorld.World monthly) {
        try {
            clocks.getObject().freezeAt(Instant.parse("2044-01-10T12:00:00Z"));
            User patron = users.create("walk-patron");
            User declined = users.create("walk-declined");
            User cancelled = users.create("walk-cancelled");
            Pledge good = perCreation(patron, perCreation, "5", 4, GOOD_CARD);
            Pledge bad = perCreation(declined, perCreation, "5", null, GOES_BAD);
            Pledge gone = monthly(cancelled, monthly, monthly.tier().id(), "5", GOOD_CARD);
            checkout.cancel(cancelled.id(), gone.id());
            clocks.getObject().freezeAt(Instant.parse("2044-01-20T12:00:00Z"));
            publishPaid(perCreation, "Walk episode billed", 2);
            billingDay(LocalDate.parse("2044-02-01"));
            clocks.getObject().freezeAt(Instant.parse("2044-02-05T12:00:00Z"));
            publishPaid(perCreation, "Walk episode pending", 1);
            return new Cast(
                    patron,
                    declined,
                    cancelled,
                    List.of(good.id(), bad.id(), gone.id()),
                    latestInvoice(patron),
                    latestInvoice(declined));
        } finally {
            clocks.getObject().reset();
        }
    }
}
