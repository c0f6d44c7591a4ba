package org.maecenas.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.awt.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.MaecenasTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** The public media route serves avatars and banners for a year, and never a post's files. */
@MaecenasTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicMediaTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CreatorWorld worlds;

    World world;

    @BeforeAll
    void buildWorld() {
        world = worlds.build("media", BillingModel.MONTHLY);
    }

    @Test
    void anAvatarIsServedWithALongImmutableCacheLifetime() throws Exception {
        String url = world.campaign().avatarUrl();
        assertThat(url).matches("/media/\\d+/[0-9a-f]{16}\\.png");

        MockHttpServletResponse response = mvc.perform(get(url)).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("image/png");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getContentAsByteArray()).isEqualTo(SampleFiles.png(64, 64, Color.PINK));
    }

    @Test
    void aPostsFileIsNotServedHereEvenUnderItsRightName() throws Exception {
        StoredMedia audio = world.lockedAudio();
        String wouldBeUrl = StoredMedia.publicUrl(audio.id().value(), audio.sha256(), audio.contentType());

        MockHttpServletResponse response =
                mvc.perform(get(wouldBeUrl)).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentAsByteArray()).isEmpty();
    }

    @Test
    void aPublicFileUnderAnotherNameIsNotFound() throws Exception {
        String url = world.campaign().avatarUrl();
        String otherName = url.substring(0, url.lastIndexOf('/') + 1) + "0000000000000000.png";

        assertThat(mvc.perform(get(otherName)).andReturn().getResponse().getStatus())
                .isEqualTo(404);
    }
}
