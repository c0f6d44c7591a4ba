package org.maecenas.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Tier;
import org.maecenas.campaigns.TierDraft;
import org.maecenas.campaigns.Tiers;
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
 * The join flow through the pages: sign in first, choose, review what will be charged and when,
 * confirm, welcome. And its bad input: each gives a clear message and leaves nothing half-made.
 */
@MaecenasTest
class JoinPagesTests {

    private static final String GOOD = "4242 4242 4242 4242";

    @Autowired
    MockMvc mvc;

    @Autowired
    CreatorWorld worlds;

    @Autowired
    TestUsers users;

    @Autowired
    Tiers tiers;

    @Autowired
    Patrons patrons;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void freezeTime() {
        clock.freezeAt(Instant.parse("2031-05-10T12:00:00Z"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aVisitorSignsInFirstAndComesBackToTheJoinForm() throws Exception {
        World world = worlds.build("joinvisitor", BillingModel.PER_CREATION);
        User patron = users.create("join-visitor");
        MockVisitor browser = new MockVisitor(mvc);
        String join = joinPath(world) + "?tier=" + world.tier().id();

        MockHttpServletResponse asked = browser.get(join);
        assertThat(asked.getRedirectedUrl()).endsWith("/login");

        MockHttpServletResponse signedIn = browser.signIn(patron.email(), TestUsers.PASSWORD);
        assertThat(signedIn.getRedirectedUrl()).isEqualTo("http://localhost" + join + "&continue");
        MockHttpServletResponse form = browser.follow(signedIn);
        assertThat(form.getStatus()).isEqualTo(200);
        assertThat(form.getContentAsString())
                .contains("<h1>Join " + world.campaign().name() + "</h1>")
                .contains("value=\"" + world.tier().id() + "\" checked")
                .contains("Test mode: no real money moves.")
                .contains("4242 4242 4242 4242")
                .contains("4000 0000 0000 0341");
    }

    @Test
    void joiningPerCreationStatesWhatWillBeChargedThenJoinsAndShowsTheWelcomeNote() throws Exception {
        World world = worlds.build("joinpercreation", BillingModel.PER_CREATION);
        User patron = users.create("join-percreation");
        MockVisitor browser = signedIn(patron);

        MockHttpServletResponse review = browser.post(
                joinPath(world),
                "tier",
                world.tier().id().toString(),
                "amount",
                "",
                "monthlyCap",
                "3",
                "paymentMethod",
                "new",
                "cardNumber",
                GOOD,
                "expiry",
                "12/34");

        assertThat(review.getStatus()).isEqualTo(200);
        assertThat(review.getContentAsString())
                .contains("Confirm: join " + world.campaign().name())
                .contains("Nothing is charged today.")
                .contains("$5.00 is added to your bill, at most 3 a month ($15.00)")
                .contains(
                        "charged to your Visa ending 4242 (expires 12/2034) on the 1st of the next month, first on 1 June 2031.")
                .contains("Confirm my pledge");
        assertThat(liveMemberships(patron)).as("reviewing joins nothing").isZero();

        MockHttpServletResponse joined = browser.post(
                joinPath(world) + "/confirm",
                "tier",
                world.tier().id().toString(),
                "amount",
                "5.00",
                "monthlyCap",
                "3",
                "paymentMethod",
                cardOf(patron));
        assertThat(joined.getRedirectedUrl()).isEqualTo(joinPath(world) + "/welcome");
        String welcome = browser.follow(joined).getContentAsString();
        assertThat(welcome)
                .contains("You’re a patron of " + world.campaign().name()
                        + ". You pay $5.00 per episode, at most 3 a month")
                .contains("<blockquote><p>Thank you!</p></blockquote>");
        assertThat(jdbc.sql("""
                        select amount_minor || ' ' || cadence || ' ' || monthly_cap || ' ' || status from memberships
                         where patron_user_id = :p and status <> 'CANCELLED'
                        """)
                        .param("p", patron.id().value())
                        .query(String.class)
                        .single())
                .isEqualTo("500 PER_CREATION 3 ACTIVE");
    }

    @Test
    void joiningMonthlyChargesNowAndAnnualChargesAYearAtTheDiscount() throws Exception {
        World world = worlds.build("joinmonthly", BillingModel.MONTHLY);
        User monthly = users.create("join-monthly");
        MockVisitor browser = signedIn(monthly);
        MockHttpServletResponse review = browser.post(
                joinPath(world),
                "tier",
                world.tier().id().toString(),
                "amount",
                "",
                "cadence",
                "MONTHLY",
                "paymentMethod",
                "new",
                "cardNumber",
                GOOD,
                "expiry",
                "12/34");
        assertThat(review.getContentAsString())
                .contains("$5.00 is charged to your Visa ending 4242 (expires 12/2034) now.")
                .contains("Then $5.00 on 10 June 2031 and on the same day every month")
                .contains("Confirm and pay $5.00");
        MockHttpServletResponse joined = browser.post(
                joinPath(world) + "/confirm",
                "tier",
                world.tier().id().toString(),
                "amount",
                "5.00",
                "cadence",
                "MONTHLY",
                "paymentMethod",
                cardOf(monthly));
        assertThat(joined.getRedirectedUrl()).isEqualTo(joinPath(world) + "/welcome");
        assertThat(browser.follow(joined).getContentAsString()).contains("Paid $5.00.");
        assertThat(paidInvoices(monthly)).containsExactly(500L);

        User annual = users.create("join-annual");
        MockVisitor second = signedIn(annual);
        String annualReview = second.post(
                        joinPath(world),
                        "tier",
                        world.tier().id().toString(),
                        "amount",
                        "",
                        "cadence",
                        "ANNUAL",
                        "paymentMethod",
                        "new",
                        "cardNumber",
                        GOOD,
                        "expiry",
                        "12/34")
                .getContentAsString();
        // 12 × $5.00 less the creator's 10%
        assertThat(annualReview)
                .contains(
                        "$54.00 is charged to your Visa ending 4242 (expires 12/2034) now: 12 months at $5.00, 10% off.")
                .contains("Then $54.00 on 10 May 2032 and every year after");
        second.post(
                joinPath(world) + "/confirm",
                "tier",
                world.tier().id().toString(),
                "amount",
                "5",
                "cadence",
                "ANNUAL",
                "paymentMethod",
                cardOf(annual));
        assertThat(paidInvoices(annual)).containsExactly(5400L);
    }

    @Test
    void badAmountsCapsAndTiersAreToldBesideTheirFieldsAndJoinNothing() throws Exception {
        World world = worlds.build("joinbad", BillingModel.PER_CREATION);
        User patron = users.create("join-bad");
        MockVisitor browser = signedIn(patron);
        String tier = world.tier().id().toString();
        String card = cardOf(patron, browser);

        assertRefused(browser, world, card, "The least you can pledge is $1.00.", "tier", "", "amount", "0.50");
        assertRefused(browser, world, card, "Supporter starts at $5.00.", "tier", tier, "amount", "3");
        assertRefused(browser, world, card, "Enter an amount like 5 or 5.00.", "tier", "", "amount", "five dollars");
        assertRefused(browser, world, card, "Enter an amount like 5 or 5.00.", "tier", "", "amount", "5.001");
        assertRefused(browser, world, card, "Enter an amount like 5 or 5.00.", "tier", "", "amount", "-5");
        assertRefused(browser, world, card, "Enter an amount like 5 or 5.00.", "tier", "", "amount", "");
        assertRefused(browser, world, card, "That amount is too large.", "tier", "", "amount", "99999999");
        assertRefused(
                browser,
                world,
                card,
                "A cap must be at least 1 paid creation a month, or empty for none.",
                "tier",
                tier,
                "amount",
                "",
                "monthlyCap",
                "0");
        assertRefused(
                browser,
                world,
                card,
                "A cap must be at least 1 paid creation a month, or empty for none.",
                "tier",
                tier,
                "amount",
                "",
                "monthlyCap",
                "-3");
        assertRefused(
                browser,
                world,
                card,
                "Enter a whole number of paid creations a month, or leave it empty for no cap.",
                "tier",
                tier,
                "amount",
                "",
                "monthlyCap",
                "three");
        assertRefused(browser, world, card, "Choose one of the tiers on the page.", "tier", "999999", "amount", "5");
        assertRefused(browser, world, card, "Choose one of the tiers on the page.", "tier", "x", "amount", "5");

        // the same checks hold when the confirmation's hidden fields come back changed
        MockHttpServletResponse tampered = browser.post(
                joinPath(world) + "/confirm", "tier", tier, "amount", "1", "monthlyCap", "", "paymentMethod", card);
        assertThat(tampered.getStatus()).isEqualTo(422);
        assertThat(tampered.getContentAsString()).contains("Supporter starts at $5.00.");
        MockHttpServletResponse notMine = browser.post(
                joinPath(world) + "/confirm",
                "tier",
                tier,
                "amount",
                "5",
                "paymentMethod",
                cardOf(users.create("other")));
        assertThat(notMine.getStatus()).isEqualTo(422);
        assertThat(notMine.getContentAsString()).contains("Choose one of your cards.");
        assertThat(allMemberships(patron)).as("nothing half-made").isZero();
    }

    @Test
    void aCardRefusedWhenSavedIsToldBesideTheCardAndNotSaved() throws Exception {
        World world = worlds.build("joinrefused", BillingModel.MONTHLY);
        User patron = users.create("join-refused");
        MockVisitor browser = signedIn(patron);

        MockHttpServletResponse review = browser.post(
                joinPath(world),
                "tier",
                world.tier().id().toString(),
                "amount",
                "7",
                "cadence",
                "MONTHLY",
                "paymentMethod",
                "new",
                "cardNumber",
                "4000 0000 0000 0002",
                "expiry",
                "12/34");

        assertThat(review.getStatus()).isEqualTo(422);
        assertThat(review.getContentAsString())
                .contains("<p class=\"field-error\" id=\"cardNumber-error\">Your card was declined.</p>")
                .contains("value=\"7\"")
                .doesNotContain("Add a card to pay with.");
        assertThat(jdbc.sql("select count(*) from payment_methods where user_id = :u")
                        .param("u", patron.id().value())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(allMemberships(patron)).isZero();
    }

    @Test
    void aCardThatDeclinesAtJoinMakesNoMembershipAndSaysWhyKeepingTheForm() throws Exception {
        World world = worlds.build("joindecline", BillingModel.MONTHLY);
        User patron = users.create("join-decline");
        MockVisitor browser = signedIn(patron);
        MockHttpServletResponse review = browser.post(
                joinPath(world),
                "tier",
                world.tier().id().toString(),
                "amount",
                "8",
                "cadence",
                "MONTHLY",
                "paymentMethod",
                "new",
                "cardNumber",
                "4000 0000 0000 0341",
                "expiry",
                "12/34");
        assertThat(review.getStatus())
                .as("the card verifies; it declines when charged")
                .isEqualTo(200);

        MockHttpServletResponse declined = browser.post(
                joinPath(world) + "/confirm",
                "tier",
                world.tier().id().toString(),
                "amount",
                "8.00",
                "cadence",
                "MONTHLY",
                "paymentMethod",
                cardOf(patron));

        assertThat(declined.getStatus()).isEqualTo(402);
        assertThat(declined.getContentAsString())
                .contains("Your card was not charged and you have not joined: Your card was declined.")
                .contains("value=\"8.00\"")
                .contains("id=\"card-" + cardOf(patron) + "\" name=\"paymentMethod\" value=\"" + cardOf(patron)
                        + "\" checked");
        assertThat(liveMemberships(patron)).isZero();
        assertThat(jdbc.sql("select status from invoices where patron_user_id = :p")
                        .param("p", patron.id().value())
                        .query(String.class)
                        .list())
                .containsExactly("VOID");
        assertThat(browser.get("/settings/memberships").getContentAsString())
                .doesNotContain("A payment of yours didn’t go through");
    }

    @Test
    void aTierThatFilledMeanwhileSaysSoAndMakesNothing() throws Exception {
        World world = worlds.build("joinfull", BillingModel.MONTHLY);
        Tier limited = tiers.add(
                world.creator().id(),
                new TierDraft("Founding member", "", 2000, 1, List.of("Your name in the credits"), "", true));
        User slow = users.create("join-slow");
        User quick = users.create("join-quick");
        MockVisitor slowBrowser = signedIn(slow);
        String[] choice = {"tier", limited.id().toString(), "amount", "", "cadence", "MONTHLY"};

        MockHttpServletResponse review = slowBrowser.post(
                joinPath(world), concat(choice, "paymentMethod", "new", "cardNumber", GOOD, "expiry", "12/34"));
        assertThat(review.getStatus()).isEqualTo(200);
        patrons.monthly(quick, world, limited.id(), "20", Patrons.GOOD_CARD);

        MockHttpServletResponse full =
                slowBrowser.post(joinPath(world) + "/confirm", concat(choice, "paymentMethod", cardOf(slow)));

        assertThat(full.getStatus()).isEqualTo(409);
        assertThat(full.getContentAsString())
                .contains("This tier is full. Choose another tier, or a custom amount.")
                .contains("Founding member · $20.00 a month (full)");
        assertThat(allMemberships(slow)).isZero();
        assertThat(paidInvoices(slow)).isEmpty();
        assertThat(slowBrowser.get(joinPath(world)).getContentAsString())
                .contains("id=\"tier-" + limited.id() + "\" name=\"tier\" value=\"" + limited.id() + "\" disabled");
    }

    @Test
    void aDoubleSubmittedJoinMakesOneMembershipAndTheSecondIsToldToChangeItInstead() throws Exception {
        World world = worlds.build("joindouble", BillingModel.PER_CREATION);
        User patron = users.create("join-double");
        MockVisitor browser = signedIn(patron);
        String card = cardOf(patron, browser);
        String[] form = {"tier", world.tier().id().toString(), "amount", "5", "monthlyCap", "", "paymentMethod", card};

        MockHttpServletResponse first = browser.post(joinPath(world) + "/confirm", form);
        MockHttpServletResponse second = browser.post(joinPath(world) + "/confirm", form);

        assertThat(first.getStatus()).isEqualTo(302);
        assertThat(second.getStatus()).isEqualTo(409);
        long pledge = onlyLiveMembership(patron);
        assertThat(second.getContentAsString())
                .contains("You already support " + world.campaign().name() + " with $5.00 per episode.")
                .contains("<a href=\"/settings/memberships/" + pledge + "\">Change your membership instead</a>");
    }

    @Test
    void twoJoinsAtTheSameMomentMakeOneMembershipAndOneCharge() throws Exception {
        World world = worlds.build("joinrace", BillingModel.MONTHLY);
        User patron = users.create("join-race");
        MockVisitor one = signedIn(patron);
        MockVisitor two = signedIn(patron);
        String card = cardOf(patron, one);
        String[] form = {"tier", "", "amount", "6", "cadence", "MONTHLY", "paymentMethod", card};

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> submitOne =
                    () -> one.post(joinPath(world) + "/confirm", form).getStatus();
            Callable<Integer> submitTwo =
                    () -> two.post(joinPath(world) + "/confirm", form).getStatus();
            Future<Integer> a = pool.submit(submitOne);
            Future<Integer> b = pool.submit(submitTwo);
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(302, 409);
        } finally {
            pool.shutdown();
        }
        onlyLiveMembership(patron);
        assertThat(paidInvoices(patron)).containsExactly(600L);
    }

    @Test
    void aSecondJoinOfTheSameCreatorOffersToChangeTheMembershipInstead() throws Exception {
        World world = worlds.build("joinagain", BillingModel.PER_CREATION);
        User patron = users.create("join-again");
        long pledge =
                patrons.perCreation(patron, world, "6", null, Patrons.GOOD_CARD).id();
        MockVisitor browser = signedIn(patron);

        MockHttpServletResponse page =
                browser.get(joinPath(world) + "?tier=" + world.tier().id());

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString())
                .contains("You already support " + world.campaign().name() + " with $6.00 per episode.")
                .contains("<a href=\"/settings/memberships/" + pledge + "\">Change your membership instead</a>")
                .doesNotContain("action=\"" + joinPath(world) + "\"");
    }

    private static void assertRefused(MockVisitor browser, World world, String card, String message, String... fields)
            throws Exception {
        MockHttpServletResponse response =
                browser.post(joinPath(world), concat(fields, "paymentMethod", card, "cadence", ""));
        assertThat(response.getStatus()).as(String.join(" ", fields)).isEqualTo(422);
        assertThat(response.getContentAsString())
                .as(String.join(" ", fields))
                .contains("<p class=\"field-error\"")
                .contains(message)
                .contains("Please correct the marked fields.");
    }

    private MockVisitor signedIn(User user) throws Exception {
        MockVisitor browser = new MockVisitor(mvc);
        assertThat(browser.signIn(user.email(), TestUsers.PASSWORD).getStatus()).isEqualTo(302);
        return browser;
    }

    /** Saves a good card for the browser's user through the card page; its id. */
    private String cardOf(User user, MockVisitor browser) throws Exception {
        MockHttpServletResponse saved =
                browser.post("/settings/payment-methods", "cardNumber", GOOD, "expiry", "12/34");
        assertThat(saved.getStatus()).isEqualTo(302);
        return cardOf(user);
    }

    private String cardOf(User user) {
        return jdbc.sql("select max(id) from payment_methods where user_id = :u and removed_at is null")
                .param("u", user.id().value())
                .query(Long.class)
                .optional()
                .map(String::valueOf)
                .orElseGet(() ->
                        String.valueOf(patrons.card(user, Patrons.GOOD_CARD).id()));
    }

    private static String joinPath(World world) {
        return "/" + world.campaign().slug() + "/join";
    }

    private long liveMemberships(User patron) {
        return jdbc.sql("""
                        select count(*) from memberships where patron_user_id = :p
                           and status in ('INCOMPLETE', 'ACTIVE', 'DECLINED')
                        """).param("p", patron.id().value()).query(Long.class).single();
    }

    private long allMemberships(User patron) {
        return jdbc.sql("select count(*) from memberships where patron_user_id = :p")
                .param("p", patron.id().value())
                .query(Long.class)
                .single();
    }

    private long onlyLiveMembership(User patron) {
        return jdbc.sql("""
                        select id from memberships where patron_user_id = :p
                           and status in ('INCOMPLETE', 'ACTIVE', 'DECLINED')
                        """).param("p", patron.id().value()).query(Long.class).single();
    }

    private List<Long> paidInvoices(User patron) {
        return jdbc.sql("select total_minor from invoices where patron_user_id = :p and status = 'PAID' order by id")
                .param("p", patron.id().value())
                .query(Long.class)
                .list();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
