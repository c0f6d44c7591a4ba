package org.maecenas.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.posts.Post;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.Patrons;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** What a creator sees of the money: pending accruals and the estimate, what each paid post billed, patrons. */
@MaecenasTest
class CreatorBillingPagesTests {

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

    @BeforeEach
    void freezeTime() {
        clock.freezeAt(Instant.parse("2031-05-10T12:00:00Z"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theOverviewLoadsThisMonthsPendingAccrualsAndTheNextBillingDaysEstimate() throws Exception {
        World world = worlds.build("earnings", BillingModel.PER_CREATION);
        patrons.perCreation(users.create("earner-a"), world, "5", null, Patrons.GOOD_CARD);
        patrons.perCreation(users.create("earner-b"), world, "7", 1, Patrons.GOOD_CARD);
        patrons.publishPaid(world, "First paid", 2);
        patrons.publishPaid(world, "Second paid", 1); // the $7 patron's cap of 1 is reached
        MockVisitor creator = signedIn(world.creator());

        assertThat(creator.get("/dashboard").getContentAsString())
                .contains("<div hx-get=\"/dashboard/earnings\" hx-trigger=\"load\" hx-swap=\"outerHTML\">");
        MockHttpServletResponse panel = creator.perform(
                MockMvcRequestBuilders.get("/dashboard/earnings").header("HX-Request", "true"));

        assertThat(panel.getHeader("Vary")).contains("HX-Request");
        assertThat(panel.getContentAsString())
                .doesNotContain("<html")
                .contains("<span class=\"stat-value\">$17.00</span>")
                .contains("pending this month: 3 paid episodes\n                    from 2 patrons")
                .contains("estimate for the next billing day, 1 June 2031")
                .contains("<span class=\"stat-value\">$0.00</span><span class=\"stat-label\">your balance");
        assertThat(creator.get("/dashboard/earnings").getContentAsString())
                .contains("<html")
                .contains("<h2 id=\"earnings-heading\">Earnings</h2>");
    }

    @Test
    void aMonthlyCreatorSeesTheNextRenewalDayAndItsTotal() throws Exception {
        World world = worlds.build("renewals", BillingModel.MONTHLY);
        patrons.monthly(users.create("renew-a"), world, null, "5", Patrons.GOOD_CARD);
        patrons.monthly(users.create("renew-b"), world, null, "8", Patrons.GOOD_CARD);
        clock.freezeAt(Instant.parse("2031-05-12T12:00:00Z"));
        patrons.monthly(users.create("renew-c"), world, null, "20", Patrons.GOOD_CARD);

        String panel = signedIn(world.creator())
                .perform(MockMvcRequestBuilders.get("/dashboard/earnings").header("HX-Request", "true"))
                .getContentAsString();

        assertThat(panel)
                .contains("<span class=\"stat-value\">$13.00</span>")
                .contains("estimate for the next billing day, 10 June 2031 (2 renewals)");
    }

    @Test
    void eachPaidPostSaysToHowManyPatronsItWasBilledAndForHowMuch() throws Exception {
        World world = worlds.build("billedposts", BillingModel.PER_CREATION);
        patrons.perCreation(users.create("billed-a"), world, "5", null, Patrons.GOOD_CARD);
        patrons.perCreation(users.create("billed-b"), world, "7.50", null, Patrons.GOOD_CARD);
        Post paid = patrons.publishPaid(world, "Billed episode", 2);
        MockVisitor creator = signedIn(world.creator());

        assertThat(creator.get("/dashboard/posts").getContentAsString()).contains("Billed to 2 patrons, total $12.50");
        assertThat(creator.get("/dashboard/posts/" + paid.id().value()).getContentAsString())
                .contains("Billed to <strong>2 patrons</strong>, total <strong>$12.50</strong>.");
        assertThat(creator.get("/dashboard/posts/" + world.publicPost().id().value())
                        .getContentAsString())
                .as("a free post says nothing of billing")
                .doesNotContain("Billed to");
    }

    @Test
    void thePatronsListSaysWhoPledgesWhatAndInWhatStanding() throws Exception {
        clock.freezeAt(Instant.parse("2034-04-10T12:00:00Z"));
        World world = worlds.build("patronlist", BillingModel.PER_CREATION);
        User good = users.create("listed-good");
        User bad = users.create("listed-bad");
        patrons.perCreation(good, world, "6", 2, Patrons.GOOD_CARD);
        patrons.perCreation(bad, world, "5", null, Patrons.GOES_BAD);
        patrons.publishPaid(world, "Paid for the list", 2);
        patrons.billingDay(java.time.LocalDate.parse("2034-05-01"));

        String list = signedIn(world.creator()).get("/dashboard/patrons").getContentAsString();

        assertThat(list)
                .contains("<td><a href=\"/dashboard/patrons/" + good.id().value() + "\">" + good.displayName()
                        + "</a></td>")
                .contains("<td><a href=\"/dashboard/patrons/" + bad.id().value() + "\">" + bad.displayName()
                        + "</a></td>")
                .contains("$6.00 <span class=\"muted\">per episode</span>")
                .contains("<td>Supporter</td>")
                .contains(">active</span>")
                .contains(">payment declined</span>")
                .doesNotContain(world.follower().displayName());
        assertThat(signedIn(good).get("/dashboard/patrons").getStatus())
                .as("a patron has no workspace")
                .isEqualTo(404);
    }

    private MockVisitor signedIn(User user) throws Exception {
        MockVisitor browser = new MockVisitor(mvc);
        assertThat(browser.signIn(user.email(), TestUsers.PASSWORD).getStatus()).isEqualTo(302);
        return browser;
    }
}
