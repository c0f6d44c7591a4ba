package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.maecenas.accounts.User;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.CampaignDraft;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.ledger.Ledger;
import org.maecenas.money.Money;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.payments.SandboxCards;
import org.maecenas.payments.SandboxSwitch;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.pledges.Pledges;
import org.maecenas.posts.Access;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostDraft;
import org.maecenas.posts.PostKind;
import org.maecenas.posts.Posts;
import org.maecenas.testing.TestUsers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Creators, patrons, cards, memberships and paid posts for billing tests, made through the real
 * services, and the queries the tests assert with — each scoped to one patron or campaign, since the
 * database is shared.
 */
@Component
public class BillingFixtures {

    public static final String GOOD_CARD = "4242424242424242";
    public static final String DECLINES_LATER = "4000000000000341";
    public static final String LOSES_RESPONSE = "4000000000000119";
    public static final String TIMES_OUT = "4000000000000259";
    public static final String SETTLES_LESS = "4000000000000077";

    private final TestUsers users;
    private final Campaigns campaigns;
    private final SandboxSwitch switches;
    private final Posts posts;
    private final PaymentMethods methods;
    private final Checkout checkout;
    private final Pledges pledges;
    private final Ledger ledger;
    private final JdbcClient jdbc;

    BillingFixtures(
            TestUsers users,
            Campaigns campaigns,
            SandboxSwitch switches,
            Posts posts,
            PaymentMethods methods,
            Checkout checkout,
            Pledges pledges,
            Ledger ledger,
            JdbcClient jdbc) {
        this.users = users;
        this.campaigns = campaigns;
        this.switches = switches;
        this.posts = posts;
        this.methods = methods;
        this.checkout = checkout;
        this.pledges = pledges;
        this.ledger = ledger;
        this.jdbc = jdbc;
    }

    /** A creator and their published page. */
    public record Creator(User user, Campaign campaign) {

        public long campaignId() {
            return campaign.id().value();
        }
    }

    /** An invoice as the tests compare it. */
    public record Bill(LocalDate date, String reason, String currency, long total, String status, int lines) {}

    public Creator creator(String name, String currency, BillingModel model, int annualDiscountPercent) {
        User owner = users.create(name);
        String slug = (name + "-" + Long.toString(System.nanoTime(), 36)).toLowerCase();
        campaigns.create(
                owner.id(),
                new CampaignDraft(
                        slug,
                        "The " + name + " page",
                        "makes things",
                        "About **" + name + "**.",
                        null,
                        currency,
                        model,
                        "episode",
                        true,
                        false,
                        false,
                        annualDiscountPercent));
        return new Creator(owner, campaigns.publish(owner.id(), true));
    }

    public Campaign campaign(CampaignId id) {
        return campaigns.require(id);
    }

    /** Tells the sandbox how the next charges of a card behave (reset after each test). */
    public SandboxSwitch switches() {
        return switches;
    }

    public User patron(String name) {
        return users.create(name);
    }

    /** Saves a sandbox test card (it expires long after every date the tests walk to). */
    public PaymentMethod card(User patron, String number) {
        return methods.add(patron.id().value(), number, "12/2099", Money.of(100, "USD"));
    }

    public static String token(String number) {
        return SandboxCards.tokenOf(number);
    }

    /** Joins and expects it to work: per-creation pledges start at once, others pay at join. */
    public Pledge join(
            User patron, Creator creator, String amount, Cadence cadence, @Nullable Integer cap, PaymentMethod card) {
        Checkout.Outcome2 joined = joinAllowingFailure(patron, creator, amount, cadence, cap, card);
        assertThat(joined.ok()).as(joined.message()).isTrue();
        assertThat(joined.pledge().status()).isEqualTo(Pledge.Status.ACTIVE);
        return joined.pledge();
    }

    public Checkout.Outcome2 joinAllowingFailure(
            User patron, Creator creator, String amount, Cadence cadence, @Nullable Integer cap, PaymentMethod card) {
        return checkout.join(
                patron.id(), creator.campaign(), new Checkout.JoinRequest(null, amount, cadence, cap, card.id()));
    }

    public Pledge pledge(long id) {
        return pledges.find(id).orElseThrow();
    }

    /** Creates and publishes a patrons-only post that charges per-creation patrons. */
    public Post paidPost(Creator creator, String title) {
        Post draft = posts.create(
                creator.user().id(),
                new PostDraft(title, "Notes of " + title, PostKind.TEXT, null, null, Access.PATRONS, null, true));
        return posts.publish(creator.user().id(), draft.id());
    }

    /** Waits for the (asynchronous) accrual listener to have billed a post to this many patrons. */
    public void awaitAccruals(Post post, int patrons) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(accrualsOfPost(post, "PENDING", "INVOICED"))
                        .as("accruals of " + post.title())
                        .isEqualTo(patrons));
    }

    public int accrualsOfPost(Post post, String... statuses) {
        return jdbc.sql("select count(*) from accruals where post_id = :post and status in (:statuses)")
                .param("post", post.id().value())
                .param("statuses", List.of(statuses))
                .query(Integer.class)
                .single();
    }

    public int accrualsOf(Pledge pledge, String status) {
        return jdbc.sql("select count(*) from accruals where membership_id = :m and status = :status")
                .param("m", pledge.id())
                .param("status", status)
                .query(Integer.class)
                .single();
    }

    /** Every invoice of a patron, oldest first. */
    public List<Bill> bills(User patron) {
        return jdbc.sql("""
                        select i.id, i.billing_date, i.reason, i.currency, i.total_minor, i.status,
                               (select count(*) from invoice_lines l where l.invoice_id = i.id) as lines
                          from invoices i where i.patron_user_id = :p order by i.id
                        """)
                .param("p", patron.id().value())
                .query((rs, n) -> new Bill(
                        rs.getDate("billing_date").toLocalDate(),
                        rs.getString("reason"),
                        rs.getString("currency").strip(),
                        rs.getLong("total_minor"),
                        rs.getString("status"),
                        rs.getInt("lines")))
                .list();
    }

    /** The periods billed to a membership, as "start..end". */
    public List<String> periods(Pledge pledge) {
        return jdbc.sql("""
                        select period_start || '..' || period_end from invoice_lines
                         where membership_id = :m and kind = 'PERIOD' order by period_start
                        """).param("m", pledge.id()).query(String.class).list();
    }

    public Map<String, Long> balance(Creator creator) {
        return ledger.creatorBalance(creator.campaignId());
    }

    /** How many charges the sandbox gateway made with a patron's invoices. */
    public int gatewayCharges(User patron) {
        return jdbc.sql("""
                        select count(*) from sandbox_charges s
                         where s.idempotency_key in (select a.idempotency_key from payment_attempts a
                                 join invoices i on i.id = a.invoice_id where i.patron_user_id = :p)
                        """)
                .param("p", patron.id().value())
                .query(Integer.class)
                .single();
    }

    /** The sandbox's processing fee: 2.9% rounded half up, plus 30 minor units. */
    public static long sandboxFee(long amount) {
        return Math.floorDiv(amount * 290 + 5_000, 10_000) + 30;
    }

    public static Instant at(String isoInstant) {
        return Instant.parse(isoInstant);
    }
}
