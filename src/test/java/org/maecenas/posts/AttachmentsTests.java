package org.maecenas.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.maecenas.accounts.User;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.media.SampleFiles;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Post files are served only by the controller that asks {@link Entitlements} first. */
@MaecenasTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentsTests {

    /** What CreatorWorld uploads to the patrons-only episode. */
    static final byte[] EPISODE = SampleFiles.silentMp3(5);

    @Autowired
    MockMvc mvc;

    @Autowired
    CreatorWorld worlds;

    @Autowired
    TestUsers users;

    World world;
    String audioUrl;

    @BeforeAll
    void buildWorld() {
        world = worlds.build("files", BillingModel.MONTHLY);
        audioUrl = "/" + world.campaign().slug() + "/posts/"
                + world.lockedAudioPost().id().value() + "/attachments/"
                + world.lockedAudio().id().value() + ".mp3";
    }

    @Test
    void readersWithoutPatronAccessAreRefusedThePatronsEpisode() throws Exception {
        for (User reader : new User[] {null, users.create("stranger"), world.follower()}) {
            MockHttpServletResponse response = fetch(get(audioUrl), reader);
            assertThat(response.getStatus())
                    .as(reader == null ? "anonymous" : reader.email())
                    .isEqualTo(403);
            assertThat(response.getContentType()).startsWith("text/html");
            assertThat(response.getContentAsString()).contains("This post is for members.");
        }
    }

    @Test
    void theCreatorAndAdminsGetTheExactBytes() throws Exception {
        for (User reader : new User[] {users.find(world.creator().id()), users.admin()}) {
            MockHttpServletResponse response = fetch(get(audioUrl), reader);

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentType()).isEqualTo("audio/mpeg");
            assertThat(response.getContentAsByteArray()).isEqualTo(EPISODE);
            assertThat(response.getHeader("Cache-Control")).contains("private").doesNotContain("public");
            assertThat(response.getHeader("Accept-Ranges")).isEqualTo("bytes");
        }
    }

    @Test
    void aRangeRequestGetsThatPartOfTheFile() throws Exception {
        MockHttpServletResponse response = fetch(
                get(audioUrl).header("Range", "bytes=0-99"),
                users.find(world.creator().id()));

        assertThat(response.getStatus()).isEqualTo(206);
        assertThat(response.getHeader("Content-Range")).isEqualTo("bytes 0-99/" + EPISODE.length);
        assertThat(response.getContentAsByteArray()).hasSize(100).isEqualTo(Arrays.copyOf(EPISODE, 100));
    }

    @Test
    void aFileIsOnlyServedUnderItsOwnPost() throws Exception {
        User creator = users.find(world.creator().id());
        String underAnotherPost = "/" + world.campaign().slug() + "/posts/"
                + world.publicPost().id().value() + "/attachments/"
                + world.lockedAudio().id().value() + ".mp3";
        String wrongExtension = audioUrl.replace(".mp3", ".exe");
        World other = worlds.build("files-other", BillingModel.MONTHLY);
        String underAnotherPage = "/" + other.campaign().slug() + "/posts/"
                + world.lockedAudioPost().id().value() + "/attachments/"
                + world.lockedAudio().id().value() + ".mp3";

        assertThat(fetch(get(underAnotherPost), creator).getStatus()).isEqualTo(404);
        assertThat(fetch(get(wrongExtension), creator).getStatus()).isEqualTo(404);
        assertThat(fetch(get(underAnotherPage), creator).getStatus()).isEqualTo(404);
    }

    @Test
    void theFilesOfADeletedPostAreServedToNoOne() throws Exception {
        World doomed = worlds.build("files-doomed", BillingModel.MONTHLY);
        String url = "/" + doomed.campaign().slug() + "/posts/"
                + doomed.lockedAudioPost().id().value() + "/attachments/"
                + doomed.lockedAudio().id().value() + ".mp3";
        User creator = users.find(doomed.creator().id());
        assertThat(fetch(get(url), creator).getStatus()).isEqualTo(200);

        MockHttpServletResponse deleted = mvc.perform(
                        post("/dashboard/posts/" + doomed.lockedAudioPost().id().value() + "/delete")
                                .with(user(TestUsers.principal(creator)))
                                .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(deleted.getStatus()).isEqualTo(302);

        for (User reader : new User[] {creator, users.admin(), null}) {
            MockHttpServletResponse response = fetch(get(url), reader);
            assertThat(response.getStatus()).isEqualTo(410);
            assertThat(response.getContentAsString()).contains("The creator deleted this post.");
        }
    }

    private MockHttpServletResponse fetch(MockHttpServletRequestBuilder request, User reader) throws Exception {
        if (reader != null) {
            request.with(user(TestUsers.principal(reader)));
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
