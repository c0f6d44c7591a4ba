package org.maecenas.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

/** Writing, replying, editing, deleting and closing comments, through the HTTP layer. */
@MaecenasTest
class CommentsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CreatorWorld worlds;

    @Autowired
    Comments comments;

    @Autowired
    Posts posts;

    @Autowired
    TestUsers users;

    World world;
    User creator;
    User follower;

    @BeforeEach
    void buildWorld() {
        world = worlds.build("comments", BillingModel.MONTHLY);
        creator = users.find(world.creator().id());
        follower = world.follower();
    }

    @Test
    void thePostKeepsCountOfItsLiveComments() {
        Reader reader = Reader.member(follower.id());
        long before = comments.count(world.membersPost().id());
        long first = comments.add(reader, world.membersPost().id(), null, "one");
        comments.add(reader, world.membersPost().id(), first, "two");
        assertThat(comments.count(world.membersPost().id())).isEqualTo(before + 2);
        comments.delete(reader, first);
        comments.delete(reader, first);
        assertThat(comments.count(world.membersPost().id()))
                .as("deleting twice counts once")
                .isEqualTo(before + 1);
    }

    @Test
    void anonymousVisitorsCannotComment() throws Exception {
        MockHttpServletResponse response = send(null, comment(world.publicPost(), "Drive-by", null));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("Sign in to take part.");
        assertThat(bodies(world.publicPost())).containsExactly("First!");
    }

    @Test
    void aFollowerCommentsOnPublicAndMembersPosts() throws Exception {
        MockHttpServletResponse plain = send(follower, comment(world.publicPost(), "Lovely episode", null));
        assertThat(plain.getStatus()).isEqualTo(302);
        assertThat(plain.getRedirectedUrl())
                .isEqualTo(world.publicPost().path(world.campaign().slug()) + "#comments");

        MockHttpServletResponse htmx = send(
                follower, comment(world.membersPost(), "Thanks for this", null).header("HX-Request", "true"));
        assertThat(htmx.getStatus()).isEqualTo(200);
        assertThat(htmx.getContentAsString()).doesNotContain("<html").contains("Thanks for this");

        assertThat(bodies(world.publicPost())).containsExactly("First!", "Lovely episode");
        assertThat(bodies(world.membersPost())).containsExactly("Thanks for this");
    }

    @Test
    void aFollowerCannotCommentOnAPatronsPost() throws Exception {
        MockHttpServletResponse response = send(follower, comment(world.lockedAudioPost(), "Let me in", null));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(comments.count(world.lockedAudioPost().id())).isZero();
    }

    @Test
    void aReplyToAReplyJoinsTheTopLevelThread() throws Exception {
        Comment first = topLevel(world.publicPost()).getFirst();
        Comment creatorsReply = first.replies().getFirst();
        assertThat(creatorsReply.body()).isEqualTo("Welcome aboard.");

        send(follower, comment(world.publicPost(), "Glad to be here", creatorsReply.id()));

        List<Comment> threads = topLevel(world.publicPost());
        assertThat(threads).hasSize(1);
        assertThat(threads.getFirst().replies())
                .extracting(Comment::body)
                .containsExactly("Welcome aboard.", "Glad to be here");
        assertThat(threads.getFirst().replies().get(1).parentId()).isEqualTo(first.id());
    }

    @Test
    void peopleEditTheirOwnCommentsAndNoOneElses() throws Exception {
        Comment first = topLevel(world.publicPost()).getFirst();

        MockHttpServletResponse byCreator = send(creator, edit(first.id(), "Rewritten by the creator"));
        MockHttpServletResponse byStranger = send(users.create("stranger"), edit(first.id(), "Vandalised"));
        assertThat(byCreator.getStatus()).isEqualTo(403);
        assertThat(byStranger.getStatus()).isEqualTo(403);
        assertThat(byStranger.getContentAsString()).contains("You can only change your own comments.");
        assertThat(comments.require(first.id()).body()).isEqualTo("First!");
        assertThat(comments.require(first.id()).editedAt()).isNull();

        MockHttpServletResponse own = send(follower, edit(first.id(), "First! (edited)"));

        assertThat(own.getStatus()).isEqualTo(302);
        assertThat(comments.require(first.id()).body()).isEqualTo("First! (edited)");
        assertThat(comments.require(first.id()).editedAt()).isNotNull();
    }

    @Test
    void theCreatorDeletesAnyonesCommentButFollowersOnlyTheirOwn() throws Exception {
        Comment first = topLevel(world.publicPost()).getFirst();
        Comment creatorsReply = first.replies().getFirst();

        assertThat(send(follower, delete(creatorsReply.id())).getStatus()).isEqualTo(403);
        assertThat(comments.require(creatorsReply.id()).deleted()).isFalse();

        MockHttpServletResponse response = send(creator, delete(first.id()).header("HX-Request", "true"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString())
                .contains("This comment was deleted.")
                .doesNotContain("First!")
                .as("the reply keeps its place")
                .contains("Welcome aboard.");
        assertThat(comments.require(first.id()).deleted()).isTrue();
    }

    @Test
    void closedCommentsStopFollowersButNotTheCreator() throws Exception {
        MockHttpServletResponse lock = send(creator, lock(world.publicPost(), true));
        assertThat(lock.getStatus()).isEqualTo(302);

        MockHttpServletResponse refused = send(follower, comment(world.publicPost(), "Still here?", null));
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentAsString()).contains("The creator has closed comments on this post.");

        assertThat(send(creator, comment(world.publicPost(), "Closing words", null))
                        .getStatus())
                .isEqualTo(302);
        assertThat(bodies(world.publicPost())).containsExactly("First!", "Closing words");

        String panel = send(follower, get(commentsUrl(world.publicPost())).header("HX-Request", "true"))
                .getContentAsString();
        assertThat(panel).contains("Comments are closed.").doesNotContain("<textarea id=\"comment-body\"");
    }

    @Test
    void onlyTheCreatorClosesComments() throws Exception {
        assertThat(send(null, lock(world.publicPost(), true)).getStatus()).isEqualTo(403);
        assertThat(send(follower, lock(world.publicPost(), true)).getStatus()).isEqualTo(403);
        World other = worlds.build("comments-other", BillingModel.MONTHLY);
        assertThat(send(users.find(other.creator().id()), lock(world.publicPost(), true))
                        .getStatus())
                .isEqualTo(403);

        assertThat(send(follower, comment(world.publicPost(), "Still open", null))
                        .getStatus())
                .isEqualTo(302);
    }

    @Test
    void anEmptyOrOverlongCommentIsRefusedBesideTheFieldAndNothingIsWritten() throws Exception {
        MockHttpServletResponse empty =
                send(follower, comment(world.publicPost(), "   ", null).header("HX-Request", "true"));
        assertThat(empty.getStatus()).isEqualTo(422);
        assertThat(empty.getContentAsString())
                .contains("<p class=\"field-error\" id=\"body-error\">Write something first.</p>");

        MockHttpServletResponse overlong = send(follower, comment(world.publicPost(), "x".repeat(5001), null));
        assertThat(overlong.getStatus()).isEqualTo(422);
        assertThat(overlong.getContentAsString())
                .contains("<p class=\"field-error\" id=\"body-error\">Keep comments under 5,000 characters.</p>");

        assertThat(bodies(world.publicPost())).containsExactly("First!");
        assertThat(comments.count(world.publicPost().id())).isEqualTo(2);
    }

    @Test
    void commentsComeTwentyAPageOldestOrNewestFirst() throws Exception {
        Post quiet = publishedPost("Busy thread");
        for (int i = 1; i <= 25; i++) {
            comments.add(Reader.member(follower.id()), quiet.id(), null, String.format("comment-%02d", i));
        }

        String oldest = panel(quiet, "?order=oldest");
        assertThat(numbers(oldest)).containsExactlyElementsOf(range(1, 20));
        assertThat(oldest).contains("page=2").contains(">More comments</a>");

        String secondPage = panel(quiet, "?order=oldest&page=2");
        assertThat(numbers(secondPage)).containsExactlyElementsOf(range(21, 25));
        assertThat(secondPage).contains(">Previous</a>").doesNotContain(">More comments</a>");

        String newest = panel(quiet, "?order=newest");
        assertThat(numbers(newest)).containsExactlyElementsOf(range(25, 6));
    }

    private Post publishedPost(String title) {
        Post draft = posts.create(
                creator.id(), new PostDraft(title, "Talk", PostKind.TEXT, null, null, Access.PUBLIC, null, false));
        return posts.publish(creator.id(), draft.id());
    }

    private String panel(Post post, String query) throws Exception {
        MockHttpServletResponse response =
                send(follower, get(commentsUrl(post) + query).header("HX-Request", "true"));
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString();
    }

    private static List<Integer> numbers(String html) {
        return Pattern.compile("comment-(\\d\\d)</p>")
                .matcher(html)
                .results()
                .map(m -> Integer.parseInt(m.group(1)))
                .toList();
    }

    private static List<Integer> range(int from, int to) {
        int step = from <= to ? 1 : -1;
        return Stream.iterate(from, i -> i != to + step, i -> i + step).toList();
    }

    private List<Comment> topLevel(Post post) {
        return comments.page(Reader.member(creator.id()), post.id(), false, 1).comments();
    }

    /** Bodies of the post's top-level comments that are not deleted, oldest first. */
    private List<String> bodies(Post post) {
        return topLevel(post).stream()
                .filter(c -> !c.deleted())
                .map(Comment::body)
                .toList();
    }

    private String commentsUrl(Post post) {
        return "/" + world.campaign().slug() + "/posts/" + post.id().value() + "/comments";
    }

    private MockHttpServletRequestBuilder comment(Post post, String body, @Nullable Long parentId) {
        MockHttpServletRequestBuilder request =
                post(commentsUrl(post)).param("body", body).with(csrf());
        if (parentId != null) {
            request.param("parentId", parentId.toString());
        }
        return request;
    }

    private MockHttpServletRequestBuilder edit(long commentId, String body) {
        return post("/comments/" + commentId + "/edit").param("body", body).with(csrf());
    }

    private MockHttpServletRequestBuilder delete(long commentId) {
        return post("/comments/" + commentId + "/delete").with(csrf());
    }

    private MockHttpServletRequestBuilder lock(Post post, boolean locked) {
        return post(commentsUrl(post) + "/lock")
                .param("locked", Boolean.toString(locked))
                .with(csrf());
    }

    private MockHttpServletResponse send(@Nullable User who, MockHttpServletRequestBuilder request) throws Exception {
        if (who != null) {
            request.with(user(TestUsers.principal(who)));
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
