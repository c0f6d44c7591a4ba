package org.maecenas.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.Collections;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.payments.SandboxCards;
import org.maecenas.payments.SandboxSwitch;
import org.maecenas.pledges.Pledge;
import org.maecenas.posts.Post;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.Patrons;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A patron's own pages: memberships with their next charge, changing and cancelling with the money
 * each moves, invoices and receipts, cards, and the declined banner with "update and retry now".
 * A patron only ever sees and changes their own.
 */
@MaecenasTest
class PatronPagesTests {

    private static final String BANNER = "A payment of yours didn’t go through";

    @Autowired
    MockMvc mvc;

    @Autowired
    CreatorWorld worlds;

    @Autowired
    TestUsers users;

    @Autowired
    Patrons patrons;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SandboxSwitch sandbox;

    @Autowired
    Collections collections;

    @BeforeEach
    void freezeTime() {
        clock.freezeAt(Instant.parse("2031-05-10T12:00:00Z"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
        sandbox.reset();
    }

    @Test
    void theMembershipsPageShowsAmountCapNextChargeEstimateAndStatus() throws Exception {
        World perPost = worlds.build("mshipsperpost", BillingModel.PER_CREATION);
        World monthly = worlds.build("mshipsmonthly", BillingModel.MONTHLY);
        User patron = users.create("mships");
        Pledge capped = patrons.perCreation(patron, perPost, "5", 3, Patrons.GOOD_CARD);
        Pledge month = patrons.monthly(patron, monthly, monthly.tier().id(), "5", Patrons.GOOD_CARD);
        patrons.publishPaid(perPost, "Paid one", 1);

        String page = signedIn(patron).get("/settings/memberships").getContentAsString();

        assertThat(row(page, capped.id()))
                .contains(perPost.campaign().name())
                .contains("Supporter")
                .contains("$5.00<br><span class=\"muted\">per episode</span>")
                .contains("<td>3 a month</td>")
                .contains("<td>1 June 2031</td>")
                .contains("$5.00\n")
                .contains("1 pending")
                .contains(">active</span>")
                .contains("href=\"/settings/memberships/" + capped.id() + "\">Edit</a>")
                .contains("href=\"/settings/memberships/" + capped.id() + "/cancel\">Cancel</a>");
        assertThat(row(page, month.id()))
                .contains("$5.00<br><span class=\"muted\">a month</span>")
                .contains("<td>—</td>")
                .contains("<td>10 June 2031</td>")
                .contains(">active</span>");
    }

    @Test
    void anUpgradePaysTheDifferenceNowAndADoubleSubmitNeverPaysItTwice() throws Exception {
        World monthly = worlds.build("upgrade", BillingModel.MONTHLY);
        User patron = users.create("upgrader");
        Pledge pledge = patrons.monthly(patron, monthly, null, "5", Patrons.GOOD_CARD);
        MockVisitor browser = signedIn(patron);
        String edit = "/settings/memberships/" + pledge.id();
        assertThat(browser.get(edit).getContentAsString())
                .contains("Raising it pays the difference for this month now. Lowering it takes effect at your next"
                        + " charge, on 10 June 2031; until then nothing changes.");

        MockHttpServletResponse upgraded = browser.post(edit, "tier", "", "amount", "8");
        MockHttpServletResponse again = browser.post(edit, "tier", "", "amount", "8");

        assertThat(browser.follow(upgraded).getContentAsString())
                .contains("Paid the difference of $3.00. Your new membership starts now.");
        assertThat(browser.follow(again).getContentAsString()).contains("Saved.");
        assertThat(upgradeInvoices(patron)).containsExactly("300 PAID");
        assertThat(amountOf(pledge)).isEqualTo(800);

        // the gateway charges but its answer is lost; the patron, seeing no change, submits again
        sandbox.next(SandboxCards.tokenOf(Patrons.GOOD_CARD), SandboxCards.Behaviour.LOST_RESPONSE);
        MockHttpServletResponse lost = browser.post(edit, "tier", "", "amount", "12");
        assertThat(browser.follow(lost).getContentAsString()).contains("Your membership did not change:");
        MockHttpServletResponse resubmitted = browser.post(edit, "tier", "", "amount", "12");
        assertThat(browser.follow(resubmitted).getContentAsString())
                .contains("Your membership did not change: a payment is already in progress");
        assertThat(upgradeInvoices(patron)).containsExactly("300 PAID", "400 OPEN");

        collections.resolveAll(); // the janitor learns the charge went through, and applies the upgrade
        assertThat(amountOf(pledge)).isEqualTo(1200);
        MockHttpServletResponse afterwards = browser.post(edit, "tier", "", "amount", "12");

        assertThat(browser.follow(afterwards).getContentAsString()).contains("Saved.");
        assertThat(upgradeInvoices(patron)).containsExactly("300 PAID", "400 PAID");
        assertThat(amountOf(pledge)).isEqualTo(1200);
        assertThat(jdbc.sql("""
                        select count(*) from sandbox_charges s join payment_attempts a on a.idempotency_key = s.idempotency_key
                          join invoices i on i.id = a.invoice_id
                         where i.patron_user_id = :p and i.reason = 'UPGRADE'
                        """)
                        .param("p", patron.id().value())
                        .query(Long.class)
                        .single())
                .as("one charge per upgrade")
                .isEqualTo(2);
    }

    @Test
    void aDowngradeWaitsForTheNextCycleAndACapChangeCountsFromTheNextPost() throws Exception {
        World monthly = worlds.build("downgrade", BillingModel.MONTHLY);
        World perPost = worlds.build("capchange", BillingModel.PER_CREATION);
        User patron = users.create("downgrader");
        Pledge month = patrons.monthly(patron, monthly, null, "9", Patrons.GOOD_CARD);
        Pledge capped = patrons.perCreation(patron, perPost, "5", 2, Patrons.GOOD_CARD);
        MockVisitor browser = signedIn(patron);

        MockHttpServletResponse lower = browser.post("/settings/memberships/" + month.id(), "tier", "", "amount", "4");
        assertThat(browser.follow(lower).getContentAsString())
                .contains("From 2031-06-10 you pay $4.00. Until then nothing changes.")
                .contains("$4.00 from 10 June 2031");
        assertThat(jdbc.sql("select amount_minor || ' ' || next_amount_minor from memberships where id = :id")
                        .param("id", month.id())
                        .query(String.class)
                        .single())
                .isEqualTo("900 400");
        assertThat(upgradeInvoices(patron)).isEmpty();

        MockHttpServletResponse cap = browser.post(
                "/settings/memberships/" + capped.id(),
                "tier",
                perPost.tier().id().toString(),
                "amount",
                "",
                "monthlyCap",
                "5");
        assertThat(browser.follow(cap).getContentAsString())
                .contains("From your next paid episode on you pay $5.00, at most 5 a month.");
        MockHttpServletResponse zero =
                browser.post("/settings/memberships/" + capped.id(), "tier", "", "amount", "5", "monthlyCap", "0");
        assertThat(zero.getStatus()).isEqualTo(422);
        assertThat(zero.getContentAsString())
                .contains("A cap must be at least 1 paid creation a month, or empty for none.");
        MockHttpServletResponse words =
                browser.post("/settings/memberships/" + capped.id(), "tier", "", "amount", "5", "monthlyCap", "lots");
        assertThat(words.getStatus()).isEqualTo(422);
        assertThat(words.getContentAsString())
                .contains("Enter a whole number of paid creations a month, or leave it empty for no cap.");
        MockHttpServletResponse tooLittle =
                browser.post("/settings/memberships/" + capped.id(), "tier", "", "amount", "0.99");
        assertThat(tooLittle.getStatus()).isEqualTo(422);
        assertThat(tooLittle.getContentAsString()).contains("The least you can pledge is $1.00.");
        assertThat(jdbc.sql("select amount_minor || ' ' || monthly_cap from memberships where id = :id")
                        .param("id", capped.id())
                        .query(String.class)
                        .single())
                .isEqualTo("500 5");
    }

    @Test
    void cancellingShowsTheConsequencesFirstThenBillsPendingAccrualsOrKeepsThePaidPeriod() throws Exception {
        World perPost = worlds.build("cancelperpost", BillingModel.PER_CREATION);
        World monthly = worlds.build("cancelmonthly", BillingModel.MONTHLY);
        User patron = users.create("canceller");
        Pledge capped = patrons.perCreation(patron, perPost, "5", null, Patrons.GOOD_CARD);
        Pledge month = patrons.monthly(patron, monthly, null, "6", Patrons.GOOD_CARD);
        patrons.publishPaid(perPost, "Paid before cancelling", 1);
        MockVisitor browser = signedIn(patron);

        assertThat(browser.get("/settings/memberships/" + capped.id() + "/cancel")
                        .getContentAsString())
                .contains("Your 1 pending paid episode ($5.00) will be billed now");
        assertThat(browser.get("/settings/memberships/" + month.id() + "/cancel")
                        .getContentAsString())
                .contains("You keep access to posts for patrons until your paid period ends, on 10 Jun 2031.");
        assertThat(statusOf(capped)).as("showing consequences changes nothing").isEqualTo("ACTIVE");

        MockHttpServletResponse perPostCancelled = browser.post("/settings/memberships/" + capped.id() + "/cancel");
        assertThat(browser.follow(perPostCancelled).getContentAsString())
                .contains("Cancelled. Your pending charges ($5.00) were billed now.");
        assertThat(jdbc.sql("""
                        select i.reason || ' ' || i.total_minor || ' ' || i.status from invoices i
                          join invoice_lines l on l.invoice_id = i.id where l.membership_id = :m
                        """).param("m", capped.id()).query(String.class).list())
                .containsExactly("CANCEL 500 PAID");

        MockHttpServletResponse monthCancelled = browser.post("/settings/memberships/" + month.id() + "/cancel");
        String list = browser.follow(monthCancelled).getContentAsString();
        assertThat(list).contains("Cancelled. You keep access until");
        assertThat(row(list, month.id())).contains("access until 10 Jun 2031").contains("Join again");
        assertThat(statusOf(capped)).isEqualTo("CANCELLED");
        assertThat(statusOf(month)).isEqualTo("CANCELLED");
    }

    @Test
    void invoicesListTheirLinesAndEachHasAPrintableReceipt() throws Exception {
        World monthly = worlds.build("receipts", BillingModel.MONTHLY);
        User patron = users.create("receipts");
        patrons.monthly(patron, monthly, monthly.tier().id(), "5", Patrons.GOOD_CARD);
        long invoice = patrons.latestInvoice(patron);
        MockVisitor browser = signedIn(patron);

        String billing = browser.get("/settings/billing").getContentAsString();
        assertThat(billing)
                .contains("10 May 2031 · $5.00")
                .contains(">paid</span>")
                .contains("<td>" + monthly.campaign().name() + "</td><td>Membership, a month from 2031-05-10</td>"
                        + "<td class=\"num\">$5.00</td>")
                .contains("href=\"/settings/billing/invoices/" + invoice + "\">Receipt</a>");

        String receipt = browser.get("/settings/billing/invoices/" + invoice).getContentAsString();
        assertThat(receipt)
                .contains("<h1>Receipt " + invoice + "</h1>")
                .contains("<dd>" + patron.displayName() + "</dd>")
                .contains("Visa ending 4242")
                .contains("10 May 2031 to 10 June 2031")
                .contains("<strong>$5.00</strong>")
                .contains("class=\"button print-button\"");
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                "/css/maecenas.css"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("@media print");
    }

    @Test
    void aPatronOnlyEverSeesAndChangesTheirOwnInvoicesMembershipsAndCards() throws Exception {
        World monthly = worlds.build("isolation", BillingModel.MONTHLY);
        User owner = users.create("owner");
        Pledge pledge = patrons.monthly(owner, monthly, null, "7", Patrons.GOOD_CARD);
        long invoice = patrons.latestInvoice(owner);
        long card = pledge.paymentMethodId();
        MockVisitor stranger = signedIn(users.create("stranger"));

        for (String path : List.of(
                "/settings/billing/invoices/" + invoice,
                "/settings/memberships/" + pledge.id(),
                "/settings/memberships/" + pledge.id() + "/cancel")) {
            MockHttpServletResponse response = stranger.get(path);
            assertThat(response.getStatus()).as(path).isEqualTo(404);
            assertThat(response.getContentAsString()).as(path).doesNotContain("$7.00");
        }
        for (String[] post : List.of(
                new String[] {"/settings/memberships/" + pledge.id(), "amount", "50"},
                new String[] {"/settings/memberships/" + pledge.id() + "/cancel"},
                new String[] {"/settings/payment-methods/" + card + "/remove"},
                new String[] {"/settings/payment-methods/" + card + "/default"},
                new String[] {"/settings/payment-methods/" + card + "/retry"})) {
            MockHttpServletResponse response =
                    stranger.post(post[0], java.util.Arrays.copyOfRange(post, 1, post.length));
            assertThat(response.getStatus()).as(post[0]).isEqualTo(404);
        }
        assertThat(stranger.get("/settings/billing").getContentAsString()).doesNotContain("$7.00");
        assertThat(jdbc.sql("select amount_minor || ' ' || status from memberships where id = :id")
                        .param("id", pledge.id())
                        .query(String.class)
                        .single())
                .isEqualTo("700 ACTIVE");
        assertThat(jdbc.sql("select is_default and removed_at is null from payment_methods where id = :id")
                        .param("id", card)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(new MockVisitor(mvc).get("/settings/billing").getRedirectedUrl())
                .endsWith("/login");
    }

    @Test
    void cardsAreAddedMadeDefaultAndRemovedButNotTheLastOneMembershipsNeed() throws Exception {
        World monthly = worlds.build("cards", BillingModel.MONTHLY);
        User patron = users.create("cards");
        MockVisitor browser = signedIn(patron);

        MockHttpServletResponse first =
                browser.post("/settings/payment-methods", "cardNumber", "4242 4242 4242 4242", "expiry", "12/34");
        assertThat(browser.follow(first).getContentAsString())
                .contains("Visa ending 4242 (expires 12/2034) is saved and is your default card.");
        long good = cardId(patron, "4242");
        patrons.monthly(patron, monthly, null, "5", good);

        MockHttpServletResponse refused =
                browser.post("/settings/payment-methods", "cardNumber", "4000 0000 0000 9995", "expiry", "12/34");
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString()).contains("Your card has insufficient funds.");
        MockHttpServletResponse malformed =
                browser.post("/settings/payment-methods", "cardNumber", "1234", "expiry", "13/34");
        assertThat(malformed.getStatus()).isEqualTo(422);
        assertThat(malformed.getContentAsString())
                .contains("Enter the card number as printed on the card.")
                .contains("Enter the expiry date as MM/YY.");
        MockHttpServletResponse expired =
                browser.post("/settings/payment-methods", "cardNumber", "4242424242424242", "expiry", "01/30");
        assertThat(expired.getContentAsString()).contains("This card has expired.");

        MockHttpServletResponse onlyCard = browser.post("/settings/payment-methods/" + good + "/remove");
        assertThat(onlyCard.getStatus()).isEqualTo(409);
        assertThat(onlyCard.getContentAsString())
                .contains("Your memberships are paid with this card. Add another card first, or cancel them.");

        browser.follow(
                browser.post("/settings/payment-methods", "cardNumber", "4000 0000 0000 0077", "expiry", "11/33"));
        long second = cardId(patron, "0077");
        assertThat(defaultCard(patron)).isEqualTo(second);
        MockHttpServletResponse backToFirst = browser.post("/settings/payment-methods/" + good + "/default");
        assertThat(browser.follow(backToFirst).getContentAsString())
                .contains("Visa ending 4242 (expires 12/2034) is your default card now.");
        assertThat(defaultCard(patron)).isEqualTo(good);
        assertThat(membershipCards(patron)).containsOnly(good);

        MockHttpServletResponse removed = browser.post("/settings/payment-methods/" + good + "/remove");
        assertThat(browser.follow(removed).getContentAsString())
                .contains("Visa ending 4242 (expires 12/2034) is removed.");
        assertThat(defaultCard(patron)).as("the other card takes over").isEqualTo(second);
        assertThat(membershipCards(patron)).containsOnly(second);
        assertThat(browser.post("/settings/payment-methods/" + good + "/default")
                        .getStatus())
                .as("a removed card is not there to choose")
                .isEqualTo(404);
    }

    @Test
    void aDeclinedPatronSeesABannerOnEveryPageUntilANewCardPaysEverythingAtOnce() throws Exception {
        clock.freezeAt(Instant.parse("2033-10-10T12:00:00Z"));
        World world = worlds.build("declined", BillingModel.PER_CREATION);
        User patron = users.create("declined");
        Pledge pledge = patrons.perCreation(patron, world, "5", null, Patrons.GOES_BAD);
        Post paid = patrons.publishPaid(world, "Paid and declined", 1);
        patrons.billingDay(LocalDate.parse("2033-11-01"));
        assertThat(statusOf(pledge)).isEqualTo("DECLINED");
        MockVisitor browser = signedIn(patron);
        String slug = world.campaign().slug();

        for (String path : List.of(
                "/",
                "/explore",
                "/home",
                "/settings/account",
                "/settings/billing",
                "/" + slug,
                paid.path(slug),
                "/dashboard")) {
            assertThat(browser.get(path).getContentAsString())
                    .as(path)
                    .contains("<div class=\"account-alert\" role=\"alert\"><p>" + BANNER)
                    .contains("<a href=\"/settings/payment-methods\">Update your card and retry now</a>");
        }
        assertThat(browser.get(world.lockedAudioPost().path(slug)).getContentAsString())
                .contains("Your last payment didn’t go through.")
                .doesNotContain("patron-only-body");
        assertThat(signedIn(world.follower()).get("/").getContentAsString()).doesNotContain(BANNER);
        assertThat(new MockVisitor(mvc).get("/").getContentAsString()).doesNotContain(BANNER);
        assertThat(browser.get("/settings/payment-methods").getContentAsString())
                .contains("1 payment ($5.00) didn’t go through.")
                .contains("Retry now with this card")
                .contains("Save card and retry now");

        MockHttpServletResponse updated =
                browser.post("/settings/payment-methods", "cardNumber", "4242 4242 4242 4242", "expiry", "12/34");

        String after = browser.follow(updated).getContentAsString();
        assertThat(after)
                .contains("Visa ending 4242 (expires 12/2034) is saved. Tried again with it: 1 payment paid, your"
                        + " memberships are active again.")
                .doesNotContain(BANNER);
        assertThat(statusOf(pledge)).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("select status from invoices where patron_user_id = :p")
                        .param("p", patron.id().value())
                        .query(String.class)
                        .list())
                .containsExactly("PAID");
        assertThat(browser.get(world.lockedAudioPost().path(slug)).getContentAsString())
                .contains("patron-only-body");
    }

    private MockVisitor signedIn(User user) throws Exception {
        MockVisitor browser = new MockVisitor(mvc);
        assertThat(browser.signIn(user.email(), TestUsers.PASSWORD).getStatus()).isEqualTo(302);
        return browser;
    }

    /** The table row of a membership on the memberships page. */
    private static String row(String page, long pledge) {
        Matcher row = Pattern.compile("<tr id=\"membership-" + pledge + "\">(.*?)</tr>", Pattern.DOTALL)
                .matcher(page);
        assertThat(row.find()).as("row of membership " + pledge).isTrue();
        return row.group(1);
    }

    private List<String> upgradeInvoices(User patron) {
        return jdbc.sql("""
                        select total_minor || ' ' || status from invoices
                         where patron_user_id = :p and reason = 'UPGRADE' order by id
                        """).param("p", patron.id().value()).query(String.class).list();
    }

    private long amountOf(Pledge pledge) {
        return jdbc.sql("select amount_minor from memberships where id = :id")
                .param("id", pledge.id())
                .query(Long.class)
                .single();
    }

    private String statusOf(Pledge pledge) {
        return jdbc.sql("select status from memberships where id = :id")
                .param("id", pledge.id())
                .query(String.class)
                .single();
    }

    private long cardId(User user, String last4) {
        return jdbc.sql("select id from payment_methods where user_id = :u and last4 = :l and removed_at is null")
                .param("u", user.id().value())
                .param("l", last4)
                .query(Long.class)
                .single();
    }

    private long defaultCard(User user) {
        return jdbc.sql("select id from payment_methods where user_id = :u and is_default and removed_at is null")
                .param("u", user.id().value())
                .query(Long.class)
                .single();
    }

    private List<Long> membershipCards(User user) {
        return jdbc.sql("select payment_method_id from memberships where patron_user_id = :u and status = 'ACTIVE'")
                .param("u", user.id().value())
                .query(Long.class)
                .list();
    }
}
