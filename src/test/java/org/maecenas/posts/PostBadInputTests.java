package org.maecenas.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/** Bad input around posts: a clear message, the right status, and nothing changed. */
@MaecenasTest
class PostBadInputTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CreatorWorld worlds;

    @Autowired
    TestUsers users;

    @Autowired
    Posts posts;

    @Autowired
    JdbcClient jdbc;

    World world;
    User creator;

    @BeforeEach
    void buildWorld() {
        world = worlds.build("bad-input", BillingModel.MONTHLY);
        creator = users.find(world.creator().id());
    }

    @Test
    void aTextFileNamedLikeAnImageIsRefusedAsAnAttachmentAndNothingIsKept() throws Exception {
        long mediaBefore = mediaOf(creator);
        byte[] text = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        String upload = "/dashboard/posts/" + world.draftPost().id().value() + "/attachments";

        MockHttpServletResponse page = send(
                creator,
                multipart(upload)
                        .file(new MockMultipartFile("file", "photo.png", "image/png", text))
                        .with(csrf()));
        MockHttpServletResponse fragment = send(
                creator,
                multipart(upload)
                        .file(new MockMultipartFile("file", "photo.png", "image/png", text))
                        .header("HX-Request", "true")
                        .with(csrf()));

        String message = "This kind of file isn’t accepted here. "
                + "Upload a JPEG, PNG or GIF image, or an MP3, M4A or Ogg audio file.";
        assertThat(page.getStatus()).isEqualTo(422);
        assertThat(page.getContentAsString())
                .contains("<!doctype html>")
                .contains("<p class=\"field-error\" id=\"file-error\">" + message + "</p>");
        assertThat(fragment.getStatus()).isEqualTo(422);
        assertThat(fragment.getContentAsString())
                .doesNotContain("<html")
                .contains("<p class=\"field-error\" id=\"file-error\">" + message + "</p>");
        assertThat(mediaOf(creator)).isEqualTo(mediaBefore);
        assertThat(posts.require(world.draftPost().id()).attachments()).isEmpty();
    }

    @Test
    void anEmptyUploadAsksForAFile() throws Exception {
        MockHttpServletResponse response = send(
                creator,
                multipart("/dashboard/posts/" + world.draftPost().id().value() + "/attachments")
                        .file(new MockMultipartFile("file", "", "application/octet-stream", new byte[0]))
                        .with(csrf()));

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentAsString()).contains("Choose a file to upload.");
    }

    @Test
    void anotherCreatorCannotOpenChangePublishOrDeleteAPost() throws Exception {
        World other = worlds.build("bad-input-intruder", BillingModel.MONTHLY);
        User intruder = users.find(other.creator().id());
        long draft = world.draftPost().id().value();
        long published = world.publicPost().id().value();

        List<MockHttpServletResponse> responses = List.of(
                send(intruder, get("/dashboard/posts/" + published)),
                send(
                        intruder,
                        post("/dashboard/posts/" + published)
                                .param("title", "Hijacked")
                                .param("body", "pwned")
                                .with(csrf())),
                send(intruder, post("/dashboard/posts/" + draft + "/publish").with(csrf())),
                send(
                        intruder,
                        post("/dashboard/posts/" + published + "/unpublish").with(csrf())),
                send(intruder, post("/dashboard/posts/" + published + "/delete").with(csrf())),
                send(
                        intruder,
                        multipart("/dashboard/posts/" + draft + "/attachments")
                                .file(new MockMultipartFile("file", "a.mp3", "audio/mpeg", new byte[] {1}))
                                .with(csrf())));

        for (MockHttpServletResponse response : responses) {
            assertThat(response.getStatus()).isEqualTo(403);
            assertThat(response.getContentAsString()).contains("This post belongs to another creator.");
        }
        Post untouched = posts.require(world.publicPost().id());
        assertThat(untouched.title()).isEqualTo("Welcome to the show");
        assertThat(untouched.isPublished()).isTrue();
        assertThat(posts.require(world.draftPost().id()).status()).isEqualTo(Post.Status.DRAFT);
    }

    @Test
    void aDeletedPostsAddressSaysItIsGone() throws Exception {
        MockHttpServletResponse response =
                send(null, get(world.deletedPost().path(world.campaign().slug())));

        assertThat(response.getStatus()).isEqualTo(410);
        assertThat(response.getContentAsString()).contains("The creator deleted this post.");
    }

    @Test
    void unknownPostsAreNotFound() throws Exception {
        World other = worlds.build("bad-input-other", BillingModel.MONTHLY);
        String slug = world.campaign().slug();
        List<String> paths = List.of(
                "/" + slug + "/posts/99999999",
                "/" + slug + "/posts/not-a-number",
                "/" + slug + "/posts/" + other.publicPost().id().value(),
                "/no-such-creator/posts/" + world.publicPost().id().value());

        for (String path : paths) {
            MockHttpServletResponse response = send(null, get(path));
            assertThat(response.getStatus()).as(path).isEqualTo(404);
            assertThat(response.getContentAsString())
                    .as(path)
                    .containsAnyOf("There is no such post.", "There is no creator page at this address.");
        }
    }

    @Test
    void aMalformedOrUnknownFeedAddressIsNotFound() throws Exception {
        String wellFormedButUnknown = "A".repeat(43);
        List<String> paths = List.of(
                "/feeds/podcast/garbage.rss",
                "/feeds/podcast/" + wellFormedButUnknown + ".rss",
                "/feeds/podcast/garbage/" + world.lockedAudioPost().id().value() + "/"
                        + world.lockedAudio().id().value() + ".mp3");

        for (String path : paths) {
            MockHttpServletResponse response = send(null, get(path));
            assertThat(response.getStatus()).as(path).isEqualTo(404);
            assertThat(response.getContentAsString()).as(path).contains("There is no such post.");
        }
    }

    @Test
    void scriptsAndJavascriptLinksInAPostBodyAreSanitisedAway() throws Exception {
        Post post = posts.publish(
                creator.id(),
                posts.create(
                                creator.id(),
                                new PostDraft(
                                        "Tricky markdown",
                                        "<script>alert(1)</script>\n\n[click](javascript:alert(1))"
                                                + " <img src=x onerror=alert(1)>",
                                        PostKind.TEXT,
                                        null,
                                        null,
                                        Access.PUBLIC,
                                        null,
                                        false))
                        .id());

        String html = send(null, get(post.path(world.campaign().slug()))).getContentAsString();

        assertThat(html)
                .doesNotContain("<script>alert")
                .doesNotContain("javascript:")
                .doesNotContain("<img")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void aPostWithoutATitleIsRefusedBesideTheFieldAndNotSaved() throws Exception {
        long before = postsOf(world);

        MockHttpServletResponse response = send(
                creator,
                post("/dashboard/posts")
                        .param("title", "   ")
                        .param("body", "Body without a title")
                        .param("access", "PUBLIC")
                        .with(csrf()));

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentAsString())
                .contains("<p class=\"field-error\" id=\"title-error\">Give the post a title.</p>")
                .contains("Body without a title");
        assertThat(postsOf(world)).isEqualTo(before);
    }

    private long postsOf(World world) {
        return jdbc.sql("select count(*) from posts where campaign_id = :campaign")
                .param("campaign", world.campaign().id().value())
                .query(Long.class)
                .single();
    }

    private long mediaOf(User owner) {
        return jdbc.sql("select count(*) from media where owner_user_id = :owner")
                .param("owner", owner.id().value())
                .query(Long.class)
                .single();
    }

    private MockHttpServletResponse send(@Nullable User who, AbstractMockHttpServletRequestBuilder<?> request)
            throws Exception {
        if (who != null) {
            request.with(user(TestUsers.principal(who)));
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
