package org.maecenas.billing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingDays;
import org.maecenas.billing.InvariantCheck;
import org.maecenas.campaigns.BillingModel;
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
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The operators' billing and ledger pages: progress of billing days, running one now, the ledger check. */
@MaecenasTest
class AdminBillingPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CreatorWorld worlds;

    @Autowired
    TestUsers users;

    @Autowired
    Patrons patrons;

    @Autowired
    BillingDays days;

    @Autowired
    InvariantCheck check;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void onlyAdminsSeeBillingAndTheLedgerAndTheirButtonsNeedTheFormsToken() throws Exception {
        MockVisitor patron = signedIn(users.create("not-admin"));
        assertThat(patron.get("/admin/billing").getStatus()).isEqualTo(403);
        assertThat(patron.get("/admin/ledger").getStatus()).isEqualTo(403);
        assertThat(patron.post("/admin/billing/run").getStatus()).isEqualTo(403);
        assertThat(new MockVisitor(mvc).get("/admin/billing").getRedirectedUrl())
                .endsWith("/login");

        MockVisitor admin = signedIn(users.admin());
        String page = admin.get("/admin/billing").getContentAsString();
        assertThat(page)
                .contains("<a href=\"/admin/billing\" aria-current=\"page\">Billing</a>")
                .contains("<a href=\"/admin/ledger\">Ledger</a>")
                .contains("<form method=\"post\" action=\"/admin/billing/run\"")
                .contains("Billing days")
                .contains("Parked (")
                .contains("Unresolved payment attempts (")
                .contains("Run the ledger check now");
        assertThat(admin.postWithoutCsrf("/admin/billing/run").getStatus()).isEqualTo(403);
        assertThat(admin.postWithoutCsrf("/admin/billing/check").getStatus()).isEqualTo(403);
    }

    @Test
    void theLedgerCheckRunsOnRequestAndTheLedgerPageShowsBalancesThatSumToZero() throws Exception {
        clock.freezeAt(Instant.parse("2032-02-10T12:00:00Z"));
        World world = worlds.build("ledgerpage", BillingModel.MONTHLY);
        patrons.monthly(users.create("ledger-payer"), world, null, "10", Patrons.GOOD_CARD);
        MockVisitor admin = signedIn(users.admin());
        long checks =
                jdbc.sql("select count(*) from ledger_checks").query(Long.class).single();

        MockHttpServletResponse checked = admin.post("/admin/billing/check", "back", "/admin/ledger");

        assertThat(checked.getRedirectedUrl()).isEqualTo("/admin/ledger");
        assertThat(jdbc.sql("select count(*) from ledger_checks")
                        .query(Long.class)
                        .single())
                .isEqualTo(checks + 1);
        String ledger = admin.follow(checked).getContentAsString();
        String last = check.lastResult().orElseThrow();
        assertThat(last).startsWith("2032-02-10");
        assertThat(ledger)
                .contains("<pre class=\"check-report\">" + last.replace("'", "&#39;"))
                .contains("<code>creator-balance:" + world.campaign().id().value() + "</code>")
                .contains("<code>gateway-clearing:sandbox</code>")
                .contains("<tr><th scope=\"row\">Sum</th><td>USD</td><td class=\"num\">$0.00</td></tr>");
    }

    // in 2091: the panel lists the latest days, and other tests bill days up to the 2050s
    @Test
    void runningTodaysBillingDayHappensInTheBackgroundAndThePanelFollowsItsProgress() throws Exception {
        clock.freezeAt(Instant.parse("2091-02-10T12:00:00Z"));
        World world = worlds.build("adminrun", BillingModel.PER_CREATION);
        User patron = users.create("admin-run-patron");
        patrons.perCreation(patron, world, "5", null, Patrons.GOOD_CARD);
        patrons.publishPaid(world, "Billed by the admin", 1);
        MockVisitor admin = signedIn(users.admin());

        // a day that is planned and not yet charged: the panel keeps polling
        clock.freezeAt(Instant.parse("2091-02-20T00:30:00Z"));
        days.plan(LocalDate.parse("2091-02-20"));
        String polling = fragment(admin);
        assertThat(polling)
                .doesNotContain("<html")
                .contains("hx-get=\"/admin/billing\" hx-trigger=\"every 2s\"")
                .contains("<progress max=\"100\" value=\"0\"");

        clock.freezeAt(Instant.parse("2091-03-01T00:30:00Z"));
        MockHttpServletResponse started = admin.post("/admin/billing/run");
        assertThat(admin.follow(started).getContentAsString())
                .contains("Billing day 1 March 2091 is running. Its progress shows below.");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> days.find(LocalDate.parse("2091-03-01"))
                        .map(r -> "DONE".equals(r.stage()))
                        .orElse(false));

        assertThat(jdbc.sql("select total_minor || ' ' || status from invoices where patron_user_id = :p")
                        .param("p", patron.id().value())
                        .query(String.class)
                        .list())
                .containsExactly("500 PAID");
        await().atMost(Duration.ofSeconds(10)).until(() -> fragment(admin).contains("<td>1 March 2091</td>"));
        String done = fragment(admin);
        assertThat(done.substring(done.indexOf("<td>1 March 2091</td>")))
                .contains("<span class=\"badge badge-ok\">done</span>")
                .contains("<progress max=\"100\" value=\"100\"");
        days.run(LocalDate.parse("2091-02-20"));
    }

    private String fragment(MockVisitor admin) throws Exception {
        return admin.perform(MockMvcRequestBuilders.get("/admin/billing").header("HX-Request", "true"))
                .getContentAsString();
    }

    private MockVisitor signedIn(User user) throws Exception {
        MockVisitor browser = new MockVisitor(mvc);
        assertThat(browser.signIn(user.email(), TestUsers.PASSWORD).getStatus()).isEqualTo(302);
        return browser;
    }
}
