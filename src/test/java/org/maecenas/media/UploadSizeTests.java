package org.maecenas.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.posts.Post;
import org.maecenas.posts.Posts;
import org.maecenas.testing.BrowserTest;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.TestUsers;
import org.maecenas.testing.Visitor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Upload limits over real HTTP, where the servlet container parses multipart bodies: an episode
 * may be as large as the audio limit, an image no larger than the image limit, each refused with
 * the media module's own message. (Shares the browser tests' running server; needs no browser.)
 */
@BrowserTest
class UploadSizeTests {

    @LocalServerPort
    int port;

    @Autowired
    CreatorWorld worlds;

    @Autowired
    Posts posts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEpisodeLargerThanAnImageMayBeIsAccepted() {
        World world = worlds.build("big-episode", BillingModel.MONTHLY);
        Visitor creator = signedIn(world);
        byte[] episode = SampleFiles.silentMp3(11 * 60);
        assertThat(episode.length).as("above the image limit").isGreaterThan(10 * 1024 * 1024);
        String editor = "/dashboard/posts/" + world.draftPost().id().value();
        creator.get(editor);

        HttpResponse<String> response =
                creator.upload(editor + "/attachments", Map.of(), "file", "episode-2.mp3", episode);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith(editor));
        Post post = posts.require(world.draftPost().id());
        assertThat(post.audio()).singleElement().satisfies(audio -> {
            assertThat(audio.sizeBytes()).isEqualTo(episode.length);
            assertThat(audio.durationSeconds()).isBetween(659, 661);
        });
    }

    @Test
    void anOversizedImageIsRefusedWithTheMediaMessageAndNothingIsKept() {
        World world = worlds.build("big-image", BillingModel.MONTHLY);
        Visitor creator = signedIn(world);
        byte[] huge = new byte[11 * 1024 * 1024];
        System.arraycopy(SampleFiles.png(8, 8, Color.RED), 0, huge, 0, 60);
        long mediaBefore = mediaOf(world);
        creator.get("/dashboard/page");

        HttpResponse<String> response =
                creator.upload("/dashboard/page/images", Map.of("which", "avatar"), "file", "huge.png", huge);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body())
                .contains("<p class=\"field-error\" id=\"avatar-error\">This file is larger than 10 MB.</p>");
        assertThat(mediaOf(world)).isEqualTo(mediaBefore);
    }

    private Visitor signedIn(World world) {
        Visitor visitor = new Visitor("http://localhost:" + port);
        HttpResponse<String> signIn = visitor.signIn(world.creator().email(), TestUsers.PASSWORD);
        assertThat(signIn.statusCode()).isEqualTo(302);
        return visitor;
    }

    private long mediaOf(World world) {
        return jdbc.sql("select count(*) from media where owner_user_id = :owner")
                .param("owner", world.creator().id().value())
                .query(Long.class)
                .single();
    }
}
