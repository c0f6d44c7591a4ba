package org.maecenas.posts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maecenas.media.SampleFiles;
import org.maecenas.testing.BrowserTest;
import org.maecenas.testing.TestUsers;

/** A new creator opens a page and publishes a patrons-only episode; a visitor sees only its title and join box. */
@BrowserTest
class CreatorsBrowserTests {

    private static final String PASSWORD = "amber compass lighthouse";

    @TempDir
    Path files;

    @Test
    void aPatronsOnlyEpisodeShowsVisitorsItsTitleAndJoinBoxButNotItsAudio(Page page) throws Exception {
        String slug = "browser-" + Long.toString(System.nanoTime(), 36);
        String title = "Episode 1: the lighthouse";
        String secret = "Show notes only patrons read";

        signUp(page, "Mary Anning");

        page.navigate("/dashboard");
        assertThat(heading(page, "Open your creator page")).isVisible();
        page.getByLabel("Name of your page", exact()).fill("Fossil Hour");
        page.getByLabel("Address", exact()).fill(slug);
        button(page, "Create my page").click();
        assertThat(page).hasURL("/dashboard");
        assertThat(heading(page, "Fossil Hour")).isVisible();

        page.navigate("/dashboard/tiers");
        page.getByLabel("Title", exact()).fill("Digger");
        page.getByLabel("Amount (USD)", exact()).fill("5");
        button(page, "Add tier").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Tier “Digger” added.");

        page.navigate("/dashboard/posts/new");
        page.getByLabel("Title", exact()).fill(title);
        page.getByLabel("Kind", exact()).selectOption("AUDIO");
        page.getByLabel("Text", exact()).fill(secret);
        page.getByLabel("Paying patrons", exact()).check();
        button(page, "Save draft").click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile("/dashboard/posts/\\d+$"));
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Draft saved. Add files, then publish when it’s ready.");

        Path mp3 = files.resolve("episode-1.mp3");
        Files.write(mp3, SampleFiles.silentMp3(3));
        page.getByLabel("Add an image or audio file", exact()).setInputFiles(mp3);
        button(page, "Upload").click();
        assertThat(page.locator("#attachments-panel").getByRole(AriaRole.LINK, linkNamed("episode-1.mp3")))
                .isVisible();

        button(page, "Publish now").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Published.");
        String postPath = URI.create(page.url()).getPath();
        assertThat(postPath).startsWith("/" + slug + "/posts/");
        assertThat(page.locator("audio")).hasCount(1);

        page.navigate("/dashboard");
        button(page, "Publish my page").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Your page is live at /" + slug + ".");

        Browser browser = page.context().browser();
        String origin = URI.create(page.url()).resolve("/").toString();
        try (BrowserContext stranger = browser.newContext(new Browser.NewContextOptions().setBaseURL(origin))) {
            Page visitor = stranger.newPage();
            visitor.navigate(postPath);

            assertThat(heading(visitor, title)).isVisible();
            assertThat(heading(visitor, "🔒 This post is for paying patrons")).isVisible();
            Locator join = visitor.locator(".join-box").getByRole(AriaRole.LINK, linkNamed("Digger · $5.00"));
            assertThat(join).isVisible();
            assertThat(visitor.locator("audio")).hasCount(0);
            String html = visitor.content();
            assertThat(html)
                    .doesNotContain("<audio")
                    .doesNotContain("/attachments/")
                    .doesNotContain(secret);
        }
    }

    private static void signUp(Page page, String name) {
        page.navigate("/signup");
        page.getByLabel("Email", exact()).fill(TestUsers.uniqueEmail("browser-creator"));
        page.getByLabel("Your name", exact()).fill(name);
        page.getByLabel("Password", exact()).fill(PASSWORD);
        button(page, "Create account").click();
        assertThat(page).hasURL("/");
    }

    private static Locator heading(Page page, String name) {
        return page.getByRole(
                AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator.GetByRoleOptions linkNamed(String name) {
        return new Locator.GetByRoleOptions().setName(name).setExact(true);
    }

    private static Page.GetByLabelOptions exact() {
        return new Page.GetByLabelOptions().setExact(true);
    }
}
