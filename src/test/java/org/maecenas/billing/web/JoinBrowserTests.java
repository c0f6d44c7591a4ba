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

/** A visitor joins a creator with a test card, in Chromium, and the patrons-only post unlocks. */
@BrowserTest
class JoinBrowserTests {

    @Autowired
    CreatorWorld worlds;

    @Autowired
    TestUsers users;

    @Test
    void joiningWithATestCardUnlocksAPatronsOnlyPost(Page page) {
        CreatorWorld.World world = worlds.build("browserjoin", BillingModel.PER_CREATION);
        User patron = users.create("browser-joiner");
        String post = world.lockedAudioPost().path(world.campaign().slug());

        page.navigate(post);
        assertThat(heading(page, "🔒 This post is for paying patrons")).isVisible();
        assertThat(page.locator("audio")).hasCount(0);
        page.locator(".join-box")
                .getByRole(AriaRole.LINK, link("Supporter · $5.00"))
                .click();

        assertThat(page).hasURL("/login");
        page.getByLabel("Email", exact()).fill(patron.email());
        page.getByLabel("Password", exact()).fill(TestUsers.PASSWORD);
        button(page, "Sign in").click();

        assertThat(page).hasURL(Pattern.compile("/" + world.campaign().slug() + "/join\\?tier=\\d+"));
        assertThat(heading(page, "Join " + world.campaign().name())).isVisible();
        assertThat(page.getByRole(AriaRole.NOTE).first()).containsText("Test mode: no real money moves.");
        assertThat(page.getByLabel("Supporter · $5.00 per episode", exact())).isChecked();
        assertThat(page.getByRole(AriaRole.CELL, cell("4242 4242 4242 4242"))).isVisible();
        page.getByLabel("Most paid episodes a month", exact()).fill("4");
        page.getByLabel("Card number", exact()).fill("4242 4242 4242 4242");
        page.getByLabel("Expiry (MM/YY)", exact()).fill("12/34");
        button(page, "Review").click();

        assertThat(heading(page, "Confirm: join " + world.campaign().name())).isVisible();
        assertThat(page.locator(".charge-now")).hasText("Nothing is charged today.");
        assertThat(page.locator(".charge-later"))
                .containsText("$5.00 is added to your bill, at most 4 a month ($20.00)");
        button(page, "Confirm my pledge").click();

        assertThat(page).hasURL("/" + world.campaign().slug() + "/join/welcome");
        assertThat(page.getByRole(AriaRole.STATUS))
                .containsText("You’re a patron of " + world.campaign().name());
        assertThat(page.locator(".welcome-note blockquote")).hasText("Thank you!");

        page.navigate(post);
        assertThat(page.getByText("Show notes with the patron-only-body.")).isVisible();
        assertThat(page.locator("audio")).hasCount(1);
        assertThat(page.locator(".locked-box")).hasCount(0);
    }

    private static Locator heading(Page page, String name) {
        return page.getByRole(
                AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator.GetByRoleOptions link(String name) {
        return new Locator.GetByRoleOptions().setName(name).setExact(true);
    }

    private static Page.GetByRoleOptions cell(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    private static Page.GetByLabelOptions exact() {
        return new Page.GetByLabelOptions().setExact(true);
    }
}
