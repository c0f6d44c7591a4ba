package org.maecenas.billing.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.testing.BrowserTest;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In Chromium: a patron joins with a card whose bank asks for confirmation, confirms it on the
 * page the join sends them to, and the post unlocks; the creator then refunds that payment from
 * the patron's row.
 */
@BrowserTest
class RefundBrowserTests {

    @Autowired
    CreatorWorld worlds;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPatronConfirmsAPaymentWithTheirBankAndTheCreatorRefundsIt(Page page) {
        CreatorWorld.World world = worlds.build("browserrefund", BillingModel.MONTHLY);
        User patron = users.create("browser-refunded");
        String slug = world.campaign().slug();
        String post = world.lockedAudioPost().path(slug);

        signIn(page, patron.email());
        page.navigate("/" + slug + "/join?tier=" + world.tier().id().value());
        page.getByLabel("Card number", exact()).fill("4000 0025 0000 3155");
        page.getByLabel("Expiry (MM/YY)", exact()).fill("12/34");
        button(page, "Review").click();
        button(page, "Confirm and pay $5.00").click();

        assertThat(page).hasURL(Pattern.compile("/settings/billing/invoices/\\d+/authenticate"));
        assertThat(heading(page, "Confirm your payment")).isVisible();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your bank asks you to confirm this payment");
        page.navigate(post);
        assertThat(page.locator("audio")).hasCount(0);
        page.goBack();

        button(page, "Confirm the payment").click();
        assertThat(page).hasURL(Pattern.compile("/settings/billing/invoices/\\d+"));
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Payment confirmed");
        page.navigate(post);
        assertThat(page.locator("audio")).hasCount(1);

        page.context().clearCookies();
        signIn(page, world.creator().email());
        page.navigate("/dashboard/patrons");
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions()
                                .setName(patron.displayName())
                                .setExact(true))
                .click();
        assertThat(heading(page, patron.displayName())).isVisible();
        page.getByLabel("Amount to refund").fill("9.99");
        button(page, "Refund").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("You can refund at most $5.00 of this line");

        page.getByLabel("Amount to refund").fill("2.00");
        button(page, "Refund").click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("$2.00 refunded.");
        button(page, "Refund").click(); // blank: the rest
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("$3.00 refunded.");
        assertThat(page.getByText("Refunded in full")).isVisible();

        long refunded = jdbc.sql("select coalesce(sum(amount_minor), 0) from refunds where patron_user_id = :p"
                        + " and status = 'SUCCEEDED'")
                .param("p", patron.id().value())
                .query(Long.class)
                .single();
        org.assertj.core.api.Assertions.assertThat(refunded).isEqualTo(500);
    }

    private static void signIn(Page page, String email) {
        page.navigate("/login");
        page.getByLabel("Email", exact()).fill(email);
        page.getByLabel("Password", exact()).fill(TestUsers.PASSWORD);
        button(page, "Sign in").click();
        assertThat(page).not().hasURL(Pattern.compile("/login"));
    }

    private static Locator heading(Page page, String name) {
        return page.getByRole(
                AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Page.GetByLabelOptions exact() {
        return new Page.GetByLabelOptions().setExact(true);
    }
}
