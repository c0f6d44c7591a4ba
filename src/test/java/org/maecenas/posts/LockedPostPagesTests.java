package org.maecenas.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.maecenas.accounts.User;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What each kind of reader gets in the HTML of a creation page: the body and file addresses for
 * those with access; only the title, the requirement and a join box for everyone else.
 */
@MaecenasTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockedPostPagesTests {

    enum Who {
        ANONYMOUS,
        STRANGER,
        FOLLOWER,
        CREATOR,
        ADMIN
    }

    enum Which {
        PUBLIC,
        MEMBERS,
        PATRONS_AUDIO
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    CreatorWorld worlds;

    @Autowired
    TestUsers users;

    World world;
    User stranger;
    User admin;

    @BeforeAll
    void buildWorld() {
        world = worlds.build("locked", BillingModel.MONTHLY);
        stranger = users.create("stranger");
        admin = users.admin();
    }

    static Stream<Arguments> whoSeesWhat() {
        return Stream.of(
                Arguments.of(Who.ANONYMOUS, Which.PUBLIC, true),
                Arguments.of(Who.STRANGER, Which.PUBLIC, true),
                Arguments.of(Who.FOLLOWER, Which.PUBLIC, true),
                Arguments.of(Who.CREATOR, Which.PUBLIC, true),
                Arguments.of(Who.ADMIN, Which.PUBLIC, true),
                Arguments.of(Who.ANONYMOUS, Which.MEMBERS, false),
                Arguments.of(Who.STRANGER, Which.MEMBERS, false),
                Arguments.of(Who.FOLLOWER, Which.MEMBERS, true),
                Arguments.of(Who.CREATOR, Which.MEMBERS, true),
                Arguments.of(Who.ADMIN, Which.MEMBERS, true),
                Arguments.of(Who.ANONYMOUS, Which.PATRONS_AUDIO, false),
                Arguments.of(Who.STRANGER, Which.PATRONS_AUDIO, false),
                Arguments.of(Who.FOLLOWER, Which.PATRONS_AUDIO, false),
                Arguments.of(Who.CREATOR, Which.PATRONS_AUDIO, true),
                Arguments.of(Who.ADMIN, Which.PATRONS_AUDIO, true));
    }

    @ParameterizedTest(name = "{0} on the {1} post sees the body: {2}")
    @MethodSource("whoSeesWhat")
    void aPostShowsItsBodyAndFilesOnlyToThoseWithAccess(Who who, Which which, boolean seesBody) throws Exception {
        Post post = post(which);
        MockHttpServletResponse response =
                as(who, get(post.path(world.campaign().slug())));

        assertThat(response.getStatus()).isEqualTo(200);
        String html = response.getContentAsString();
        assertThat(html).contains("<h1>" + post.title() + "</h1>");
        if (seesBody) {
            assertThat(html).contains(bodyMarker(which)).doesNotContain("class=\"join-box\"");
            if (which == Which.PATRONS_AUDIO) {
                String file =
                        "/" + world.campaign().slug() + "/posts/" + post.id().value() + "/attachments/"
                                + world.lockedAudio().id().value() + ".mp3";
                assertThat(html).contains("<audio controls preload=\"metadata\" src=\"" + file + "\"");
            }
        } else {
            assertThat(html)
                    .doesNotContain(bodyMarker(which))
                    .doesNotContain("/attachments/")
                    .doesNotContain("<audio")
                    .doesNotContain("hx-get=\"/" + world.campaign().slug() + "/posts/"
                            + post.id().value() + "/comments\"");
            assertThat(html)
                    .contains("class=\"join-box\"")
                    .contains("/" + world.campaign().slug() + "/join?tier="
                            + world.tier().id().value())
                    .contains(
                            which == Which.MEMBERS
                                    ? "This post is for free members and patrons"
                                    : "This post is for paying patrons");
        }
    }

    @Test
    void lockedBodiesAreNotLeakedByTheCreatorPagePostListsOrSearch() throws Exception {
        String slug = world.campaign().slug();
        for (String path : new String[] {"/" + slug, "/" + slug + "/posts", "/search?q=members+corner"}) {
            String html = as(Who.ANONYMOUS, get(path)).getContentAsString();
            assertThat(html).as(path).contains("Members corner");
            assertThat(html)
                    .as(path)
                    .doesNotContain("members-only-body")
                    .doesNotContain("patron-only-body")
                    .doesNotContain("/attachments/");
        }
    }

    @Test
    void aFollowersListUnlocksMembersPostsAndKeepsPatronPostsLocked() throws Exception {
        String html =
                as(Who.FOLLOWER, get("/" + world.campaign().slug() + "/posts")).getContentAsString();
        assertThat(card(html, "Members corner")).contains("Unlocked").doesNotContain("🔒");
        assertThat(card(html, "Episode 1: the locked one"))
                .contains("🔒 Paying patrons")
                .doesNotContain("patron-only-body");
    }

    @Test
    void draftsAndDeletedPostsAreHiddenFromReadersButDraftsOpenForTheirCreator() throws Exception {
        String draft = world.draftPost().path(world.campaign().slug());
        assertThat(as(Who.ANONYMOUS, get(draft)).getStatus()).isEqualTo(404);
        assertThat(as(Who.FOLLOWER, get(draft)).getStatus()).isEqualTo(404);
        MockHttpServletResponse mine = as(Who.CREATOR, get(draft));
        assertThat(mine.getStatus()).isEqualTo(200);
        assertThat(mine.getContentAsString()).contains("draft-body");

        String deleted = world.deletedPost().path(world.campaign().slug());
        assertThat(as(Who.FOLLOWER, get(deleted)).getStatus()).isEqualTo(410);
        assertThat(as(Who.CREATOR, get(deleted)).getStatus()).isEqualTo(410);
    }

    /** The post card (in a list) whose title is given. */
    private static String card(String html, String title) {
        int titleAt = html.indexOf(">" + title + "</a></h3>");
        assertThat(titleAt).as("a card titled " + title).isPositive();
        int start = html.lastIndexOf("<article", titleAt);
        return html.substring(start, html.indexOf("</article>", titleAt));
    }

    private Post post(Which which) {
        return switch (which) {
            case PUBLIC -> world.publicPost();
            case MEMBERS -> world.membersPost();
            case PATRONS_AUDIO -> world.lockedAudioPost();
        };
    }

    private static String bodyMarker(Which which) {
        return switch (which) {
            case PUBLIC -> "Hello <strong>everyone</strong>.";
            case MEMBERS -> "members-only-body";
            case PATRONS_AUDIO -> "patron-only-body";
        };
    }

    private MockHttpServletResponse as(Who who, MockHttpServletRequestBuilder request) throws Exception {
        User reader = switch (who) {
            case ANONYMOUS -> null;
            case STRANGER -> stranger;
            case FOLLOWER -> world.follower();
            case CREATOR -> users.find(world.creator().id());
            case ADMIN -> admin;
        };
        if (reader != null) {
            request.with(user(TestUsers.principal(reader)));
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
