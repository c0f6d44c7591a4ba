package org.maecenas.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Finding creators and posts: search with typos, "did you mean", featured pages, the home feed. */
@MaecenasTest
class DiscoveryTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CreatorWorld worlds;

    @Autowired
    Posts posts;

    @Autowired
    Campaigns campaigns;

    @Autowired
    TestUsers users;

    @Test
    void aMisspelledWordStillFindsTheCreatorsWhoUseIt() throws Exception {
        World world = worlds.build("Quillfeather", BillingModel.MONTHLY);

        String podcast = search("podcst");
        assertThat(podcast).doesNotContain("Nothing found");
        assertThat(section(podcast, "<h2>Creators</h2>")).contains("<span>is creating a weekly podcast</span>");

        String byName = search("quilfeather");
        assertThat(section(byName, "<h2>Creators</h2>"))
                .contains("<a href=\"/" + world.campaign().slug() + "\">")
                .contains("<strong>The Quillfeather Show</strong>");
    }

    @Test
    void postTitlesAreFoundEvenWithATypo() throws Exception {
        World world = worlds.build("lighthouse", BillingModel.MONTHLY);
        Post post = publish(world, "Lighthouse keepers of Brittany", Access.PUBLIC);
        String link = "<a href=\"" + post.path(world.campaign().slug()) + "\">Lighthouse keepers of Brittany</a>";

        assertThat(section(search("lighthouse keepers"), "<h2>Posts</h2>")).contains(link);
        assertThat(section(search("lighthose keepers"), "<h2>Posts</h2>")).contains(link);
    }

    @Test
    void aSearchThatFindsNothingSuggestsAKnownWordItResembles() throws Exception {
        World world = worlds.build("suggest", BillingModel.MONTHLY);
        Post gone = publish(world, "Zeppelinography masterclass", Access.PUBLIC);
        posts.delete(world.creator().id(), gone.id());

        String html = search("zepelinografy");

        assertThat(html).contains("Nothing found for “zepelinografy”");
        assertThat(html).contains("Did you mean <a href=\"/search?q=zeppelinography\">zeppelinography</a>?");
        assertThat(search("qqqqzzzzvvvv"))
                .contains("Try fewer or different words.")
                .doesNotContain("Did you mean");
    }

    @Test
    void anAdminFeaturesAPageOnExploreAndTheHomePage() throws Exception {
        World world = worlds.build("featured", BillingModel.MONTHLY);
        String link = "<a href=\"/" + world.campaign().slug() + "\">";
        String feature = "/admin/campaigns/" + world.campaign().id().value() + "/feature";
        assertThat(featuredOnExplore()).doesNotContain(link);

        MockHttpServletResponse byCreator = send(
                users.find(world.creator().id()),
                post(feature).param("featured", "true").with(csrf()));
        assertThat(byCreator.getStatus()).isEqualTo(403);
        assertThat(campaigns.require(world.campaign().id()).featured()).isFalse();

        MockHttpServletResponse byAdmin =
                send(users.admin(), post(feature).param("featured", "true").with(csrf()));
        assertThat(byAdmin.getStatus()).isEqualTo(302);
        assertThat(campaigns.require(world.campaign().id()).featured()).isTrue();

        assertThat(featuredOnExplore()).contains(link).contains("<strong>The featured Show</strong>");
        String home = send(null, get("/")).getContentAsString();
        assertThat(section(home, "<h2 id=\"featured-heading\">Featured creators</h2>"))
                .contains(link)
                .contains("<strong>The featured Show</strong>");

        send(users.admin(), post(feature).param("featured", "false").with(csrf()));
        assertThat(featuredOnExplore()).doesNotContain(link);
    }

    @Test
    void theHomeFeedListsPostsOfFollowedCreatorsNewestFirstAndNothingElse() throws Exception {
        World followed = worlds.build("home-followed", BillingModel.MONTHLY);
        World other = worlds.build("home-other", BillingModel.MONTHLY);
        User reader = users.create("home-reader");
        assertThat(send(
                                reader,
                                post("/" + followed.campaign().slug() + "/follow")
                                        .with(csrf()))
                        .getStatus())
                .isEqualTo(302);
        String suffix = Long.toString(System.nanoTime(), 36);
        publish(followed, "Older news " + suffix, Access.PUBLIC);
        publish(other, "Not followed " + suffix, Access.PUBLIC);
        publish(followed, "Newer news " + suffix, Access.MEMBERS);

        String home = send(reader, get("/home")).getContentAsString();

        assertThat(home).contains("Newer news " + suffix).contains("Older news " + suffix);
        assertThat(home.indexOf("Newer news " + suffix)).isLessThan(home.indexOf("Older news " + suffix));
        assertThat(home.indexOf("Older news " + suffix)).isLessThan(home.indexOf("Welcome to the show"));
        assertThat(home)
                .doesNotContain("Not followed " + suffix)
                .doesNotContain(other.campaign().slug());
        assertThat(home).contains("<a href=\"" + followed.campaign().url() + "\">The home-followed Show</a>");

        MockHttpServletResponse anonymous = send(null, get("/home"));
        assertThat(anonymous.getStatus()).isEqualTo(302);
        assertThat(anonymous.getRedirectedUrl()).endsWith("/login");
    }

    private Post publish(World world, String title, Access access) {
        Post draft = posts.create(
                world.creator().id(),
                new PostDraft(title, "About " + title, PostKind.TEXT, null, null, access, null, false));
        return posts.publish(world.creator().id(), draft.id());
    }

    private String search(String query) throws Exception {
        MockHttpServletResponse response = send(null, get("/search").param("q", query));
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString();
    }

    private String featuredOnExplore() throws Exception {
        return section(send(null, get("/explore")).getContentAsString(), "<h2>Featured</h2>");
    }

    /** The HTML from a heading to the end of its section, or "" when the heading isn't there. */
    private static String section(String html, String heading) {
        int start = html.indexOf(heading);
        return start < 0 ? "" : html.substring(start, html.indexOf("</section>", start));
    }

    private MockHttpServletResponse send(@Nullable User who, MockHttpServletRequestBuilder request) throws Exception {
        if (who != null) {
            request.with(user(TestUsers.principal(who)));
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
