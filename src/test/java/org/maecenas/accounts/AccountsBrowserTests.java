package org.maecenas.accounts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.maecenas.testing.BrowserTest;
import org.maecenas.testing.TestUsers;
import org.maecenas.web.SiteProperties;
import org.springframework.beans.factory.annotation.Autowired;

/** Signing up, in and out, and resetting a password, clicked through in Chromium. */
@BrowserTest
class AccountsBrowserTests {

    private static final String PASSWORD = "violet lantern harbour";
    private static final String NO_MATCH = "That email and password don’t match an account.";

    @Autowired
    TestUsers users;

    @Autowired
    SiteProperties site;

    @Test
    void signingUpSignsInAndTheSameCredentialsSignInAgain(Page page) {
        String email = TestUsers.uniqueEmail("browser-signup");
        String name = "Ada Lovelace";

        page.navigate("/");
        navLink(page, "Join").click();
        page.getByLabel("Email", exact()).fill(email);
        page.getByLabel("Your name", exact()).fill(name);
        page.getByLabel("Password", exact()).fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, named("Create account")).click();

        assertThat(page).hasURL("/");
        assertThat(page.getByRole(AriaRole.STATUS))
                .hasText("Welcome, " + name + ". We sent a link to " + email + " to confirm your address.");
        assertThat(navLink(page, name)).isVisible();

        navButton(page, "Sign out").click();
        assertThat(navLink(page, name)).not().isAttached();
        assertThat(navLink(page, "Sign in")).isVisible();

        navLink(page, "Sign in").click();
        signIn(page, email, PASSWORD);
        navLink(page, name).click();

        assertThat(page).hasURL("/settings/account");
        assertThat(page.getByRole(AriaRole.HEADING, named("Account settings"))).isVisible();
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Your address is " + email + " not confirmed yet");
    }

    @Test
    void aWrongPasswordIsRefusedOnTheSignInPage(Page page) {
        User user = users.create("browser-wrong");

        page.navigate("/login");
        signIn(page, user.email(), "not " + TestUsers.PASSWORD);

        assertThat(page).hasURL("/login?error");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText(NO_MATCH);
        assertThat(navLink(page, user.displayName())).not().isAttached();
    }

    @Test
    void aPasswordIsResetThroughTheLinkInTheDevelopmentMailbox(Page page) {
        User user = users.create("browser-reset");
        String newPassword = "quiet copper meadow";

        page.navigate("/login");
        page.getByRole(AriaRole.LINK, named("Forgot your password?")).click();
        page.getByLabel("Email", exact()).fill(user.email());
        page.getByRole(AriaRole.BUTTON, named("Send the link")).click();
        assertThat(page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
                .containsText("If an account uses " + user.email() + ", we sent it a link to choose a new password.");

        String link = resetLinkFromMailbox(page, user.email());
        // the mail carries the configured public address; this server listens on a random port
        assertThat(link).startsWith(site.link("/password-reset/confirm?token="));
        URI uri = URI.create(link);
        String pathAndQuery = uri.getRawPath() + "?" + uri.getRawQuery();

        page.navigate(pathAndQuery);
        assertThat(page.getByRole(AriaRole.HEADING, named("Choose a new password")))
                .isVisible();
        page.getByLabel("New password", exact()).fill(newPassword);
        page.getByRole(AriaRole.BUTTON, named("Set the new password")).click();
        assertThat(page).hasURL("/login");
        assertThat(page.getByRole(AriaRole.STATUS))
                .hasText("Your password has been changed. Sign in with the new one.");

        signIn(page, user.email(), TestUsers.PASSWORD);
        assertThat(page.getByRole(AriaRole.ALERT)).containsText(NO_MATCH);

        signIn(page, user.email(), newPassword);
        assertThat(navLink(page, user.displayName())).isVisible();

        page.navigate(pathAndQuery);
        assertThat(page.getByRole(AriaRole.HEADING, named("This link can’t be used")))
                .isVisible();
    }

    @Test
    void signUpShowsFieldErrorsBesideTheFieldsAndKeepsWhatWasTyped(Page page) {
        String email = TestUsers.uniqueEmail("browser-short");

        page.navigate("/signup");
        page.getByLabel("Email", exact()).fill(email);
        page.getByLabel("Your name", exact()).fill("Grace Hopper");
        page.getByLabel("Password", exact()).fill("short");
        page.getByRole(AriaRole.BUTTON, named("Create account")).click();

        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Please correct the marked fields.");
        Locator password = page.getByLabel("Password", exact());
        assertThat(password).hasAttribute("aria-invalid", "true");
        assertThat(password).hasAccessibleDescription("Use at least 10 characters.");
        assertThat(password).hasValue("");
        assertThat(page.getByLabel("Email", exact())).hasValue(email);
        assertThat(page.getByLabel("Email", exact())).not().hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Your name", exact())).hasValue("Grace Hopper");
        assertThat(navLink(page, "Sign in")).isVisible();
    }

    /** Opens the newest reset mail to the address (mail is sent after commit, so it may lag). */
    private static String resetLinkFromMailbox(Page page, String email) {
        page.getByRole(AriaRole.LINK, named("Development mailbox")).click();
        Locator mail = page.getByRole(AriaRole.LINK)
                .filter(new Locator.FilterOptions().setHasText("Reset your"))
                .filter(new Locator.FilterOptions().setHasText("to " + email));
        await().atMost(Duration.ofSeconds(20))
                .pollInSameThread() // Playwright objects belong to the thread that made them
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (mail.count() > 0) {
                        return true;
                    }
                    page.reload();
                    return false;
                });
        mail.first().click();
        Locator links = page.getByRole(AriaRole.ARTICLE, named("Open mail")).getByRole(AriaRole.LINK);
        assertThat(links).hasCount(1);
        return links.getAttribute("href");
    }

    private static void signIn(Page page, String email, String password) {
        page.getByLabel("Email", exact()).fill(email);
        page.getByLabel("Password", exact()).fill(password);
        page.getByRole(AriaRole.BUTTON, named("Sign in")).click();
    }

    private static Locator navLink(Page page, String name) {
        return nav(page)
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator navButton(Page page, String name) {
        return nav(page)
                .getByRole(
                        AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator nav(Page page) {
        return page.getByRole(AriaRole.NAVIGATION, named("Main"));
    }

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    private static Page.GetByLabelOptions exact() {
        return new Page.GetByLabelOptions().setExact(true);
    }
}
