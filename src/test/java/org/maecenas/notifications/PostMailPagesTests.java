package org.maecenas.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.PostMail;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The creator's mail choice, the patron's Settings → Email, and the unsubscribe page's buttons. */
@MaecenasTest
class PostMailPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CreatorWorld worlds;

    @Autowired
    Campaigns campaigns;

    @Autowired
    PostMailPreferences preferences;

    @Test
    void theCreatorChoosesFullTextPreviewOrNoMailOnThePageSettings() throws Exception {
        World world = worlds.build("choice", BillingModel.MONTHLY);
        User creator = world.creator();

        assertThat(send(creator, get("/dashboard/page")).getContentAsString())
                .contains("New posts by mail")
                .containsPattern("id=\"post-mail-PREVIEW\"[^>]*checked");

        MockHttpServletResponse saved = send(
                creator,
                post("/dashboard/page/post-mail").param("postMail", "FULL").with(csrf()));
        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(saved.getRedirectedUrl()).isEqualTo("/dashboard/page");
        assertThat(campaigns.require(world.campaign().id()).postMail()).isEqualTo(PostMail.FULL);

        MockHttpServletResponse bogus = send(
                creator,
                post("/dashboard/page/post-mail").param("postMail", "LOUD").with(csrf()));
        assertThat(bogus.getStatus()).isEqualTo(422);
        assertThat(bogus.getContentAsString()).contains("Choose what members get by mail.");
        assertThat(campaigns.require(world.campaign().id()).postMail()).isEqualTo(PostMail.FULL);
    }

    @Test
    void aPatronSeesTheirCreatorsAndTurnsPostMailBackOnFromSettings() throws Exception {
        World world = worlds.build("settings", BillingModel.MONTHLY);
        User follower = world.follower();
        preferences.unsubscribe(follower.id(), world.campaign().id());

        String page = send(follower, get("/settings/notifications")).getContentAsString();
        assertThat(page)
                .contains(">" + world.campaign().name() + "</a>")
                .contains("unsubscribed")
                .contains("Resubscribe")
                .contains("href=\"/settings/notifications\" aria-current=\"page\"");

        MockHttpServletResponse back = send(
                follower,
                post("/settings/notifications/creators/" + world.campaign().id().value())
                        .param("wanted", "true")
                        .with(csrf()));
        assertThat(back.getRedirectedUrl()).isEqualTo("/settings/notifications");
        assertThat(preferences.choices(follower.id()).wants(world.campaign().id()))
                .isTrue();

        send(follower, post("/settings/notifications").param("wanted", "false").with(csrf()));
        assertThat(preferences.choices(follower.id()).allOff()).isTrue();
        assertThat(send(follower, get("/settings/notifications")).getContentAsString())
                .contains("You get <strong>no</strong> mail about new posts.")
                .contains("Turn post mail on");
        send(follower, post("/settings/notifications").param("wanted", "true").with(csrf()));
        assertThat(preferences.choices(follower.id()).wants(world.campaign().id()))
                .isTrue();
    }

    @Test
    void onlyTheUnsubscribePathTakesAPostWithoutACsrfToken() throws Exception {
        World world = worlds.build("csrf", BillingModel.MONTHLY);
        User follower = world.follower();
        String path = path(follower, world);

        assertThat(send(follower, post("/settings/notifications").param("wanted", "false"))
                        .getStatus())
                .isEqualTo(403);
        assertThat(preferences.choices(follower.id()).allOff()).isFalse();

        MockHttpServletResponse oneClick = mvc.perform(post(path)
                        .contentType("application/x-www-form-urlencoded")
                        .content("List-Unsubscribe=One-Click")
                        .accept("text/html"))
                .andReturn()
                .getResponse();
        assertThat(oneClick.getStatus()).isEqualTo(200);
        assertThat(preferences.choices(follower.id()).wants(world.campaign().id()))
                .isFalse();
    }

    @Test
    void theUnsubscribePageOffersUndoAndAllPostMailOff() throws Exception {
        World world = worlds.build("undo", BillingModel.MONTHLY);
        User follower = world.follower();
        String path = path(follower, world);

        String unsubscribed = anonymous(post(path)).getContentAsString();
        assertThat(unsubscribed)
                .contains("You’re unsubscribed")
                .contains("name=\"scope\" value=\"undo\"")
                .contains("name=\"scope\" value=\"all\"");

        String again = anonymous(get(path)).getContentAsString();
        assertThat(again).contains("You already get no mail about new posts from");

        assertThat(anonymous(post(path).param("scope", "undo")).getContentAsString())
                .contains("again");
        assertThat(preferences.choices(follower.id()).wants(world.campaign().id()))
                .isTrue();

        assertThat(anonymous(post(path).param("scope", "all")).getContentAsString())
                .contains("You won’t get mail about new posts from anyone");
        assertThat(preferences.choices(follower.id()).allOff()).isTrue();
    }

    @Test
    void anUnknownLinkGetsADesignedNotFoundPageOrProblem() throws Exception {
        MockHttpServletResponse page = anonymous(get("/mail/unsubscribe/1.2.nope"));
        MockHttpServletResponse json = mvc.perform(
                        get("/mail/unsubscribe/1.2.nope").accept("application/json"))
                .andReturn()
                .getResponse();

        assertThat(page.getStatus()).isEqualTo(404);
        assertThat(page.getContentAsString())
                .contains("<p class=\"error-status\">Error 404</p>")
                .contains("This unsubscribe link isn’t valid");
        assertThat(json.getStatus()).isEqualTo(404);
        assertThat(json.getContentAsString()).contains("\"code\":\"unsubscribe-link-invalid\"");
    }

    private String path(User user, World world) {
        String url = preferences.unsubscribeUrl(user.id(), world.campaign().id());
        assertThat(url).startsWith("http://localhost/mail/unsubscribe/");
        return url.substring("http://localhost".length());
    }

    private MockHttpServletResponse send(User as, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.accept("text/html").with(user(TestUsers.principal(as))))
                .andReturn()
                .getResponse();
    }

    private MockHttpServletResponse anonymous(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.accept("text/html")).andReturn().getResponse();
    }
}
