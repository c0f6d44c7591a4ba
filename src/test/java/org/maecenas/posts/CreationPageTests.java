package org.maecenas.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** The creation page renders without its comments; they arrive by a second request, as a fragment for htmx. */
@MaecenasTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreationPageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CreatorWorld worlds;

    World world;
    String commentsUrl;

    @BeforeAll
    void buildWorld() {
        world = worlds.build("creation", BillingModel.MONTHLY);
        commentsUrl = "/" + world.campaign().slug() + "/posts/"
                + world.publicPost().id().value() + "/comments";
    }

    @Test
    void theCreationPageAsksForItsCommentsInsteadOfContainingThem() throws Exception {
        MockHttpServletResponse response = mvc.perform(
                        get(world.publicPost().path(world.campaign().slug())))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        String html = response.getContentAsString();
        assertThat(html).contains("Hello <strong>everyone</strong>.");
        assertThat(html).doesNotContain("First!").doesNotContain("Welcome aboard.");
        assertThat(html).contains("<h2 id=\"comments-heading\">Comments (2)</h2>");
        assertThat(html).contains("<div hx-get=\"" + commentsUrl + "\" hx-trigger=\"load\" hx-swap=\"outerHTML\">");
        assertThat(html).as("a link for readers without JavaScript").contains("<a href=\"" + commentsUrl + "\">");
    }

    @Test
    void htmxGetsTheCommentsAsAFragmentWithRepliesUnderTheirComment() throws Exception {
        MockHttpServletResponse response = mvc.perform(get(commentsUrl).header("HX-Request", "true"))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaders("Vary")).contains("HX-Request");
        String html = response.getContentAsString();
        assertThat(html).doesNotContain("<html").doesNotContain("<!doctype");
        assertThat(html.strip()).startsWith("<div id=\"comments-panel\"");
        int first = html.indexOf("First!");
        int replies = html.indexOf("<ol class=\"replies\">");
        int reply = html.indexOf("Welcome aboard.");
        assertThat(first).isPositive();
        assertThat(replies).isGreaterThan(first);
        assertThat(reply).isGreaterThan(replies);
    }

    @Test
    void withoutHtmxTheSameAddressIsAWholePage() throws Exception {
        MockHttpServletResponse response =
                mvc.perform(get(commentsUrl)).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaders("Vary")).contains("HX-Request");
        String html = response.getContentAsString();
        assertThat(html)
                .contains("<!doctype html>")
                .contains("<h1>Comments</h1>")
                .contains("First!");
        assertThat(html)
                .contains(
                        "<a href=\"" + world.publicPost().path(world.campaign().slug()) + "\">");
    }

    @Test
    void aHistoryRestoreGetsTheWholePageEvenFromHtmx() throws Exception {
        String html = mvc.perform(
                        get(commentsUrl).header("HX-Request", "true").header("HX-History-Restore-Request", "true"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html).contains("<!doctype html>").contains("First!");
    }

    @Test
    void theCommentsOfALockedPostAreRefusedToReadersWithoutAccess() throws Exception {
        String locked = "/" + world.campaign().slug() + "/posts/"
                + world.membersPost().id().value() + "/comments";

        assertThat(mvc.perform(get(locked).header("HX-Request", "true"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get(locked).with(user(TestUsers.principal(world.follower()))))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }
}
