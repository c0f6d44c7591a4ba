package org.maecenas.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.notifications.internal.PostMailFanout;
import org.maecenas.posts.Access;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostDraft;
import org.maecenas.posts.PostKind;
import org.maecenas.posts.Posts;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.MaecenasTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A post's mail waits {@code maecenas.mail.post-mail-delay} after publishing: nothing is queued
 * before, a post taken back meanwhile is mailed to no one, and one still published goes out after.
 * (The delay is held in the database's time, so the test moves the mailing's hold into the past.)
 */
@MaecenasTest
@TestPropertySource(properties = "maecenas.mail.post-mail-delay=2m")
class PostMailDelayTests {

    @Autowired
    CreatorWorld worlds;

    @Autowired
    Posts posts;

    @Autowired
    PostMailFanout fanout;

    @Autowired
    JdbcClient jdbc;

    @Test
    void mailWaitsForTheDelayAndAPostTakenBackMeanwhileIsMailedToNoOne() {
        World world = worlds.build("delay", BillingModel.MONTHLY);
        Post kept = publish(world, "Kept");
        Post takenBack = publish(world, "Oops, wrong tier");
        await().atMost(Duration.ofSeconds(10)).until(() -> mailings(kept) == 1 && mailings(takenBack) == 1);

        assertThat(fanout.run()).as("nothing goes out during the delay").isZero();
        assertThat(queued(kept)).isZero();

        posts.unpublish(world.creator().id(), takenBack.id());
        jdbc.sql("update post_mailings set lease_until = now() - interval '1 second' where post_id in (:a, :b)")
                .param("a", kept.id().value())
                .param("b", takenBack.id().value())
                .update();
        fanout.run();

        assertThat(queued(kept)).as("the follower of the kept post").isPositive();
        assertThat(queued(takenBack)).isZero();
        assertThat(jdbc.sql("select status from post_mailings where post_id = :p")
                        .param("p", takenBack.id().value())
                        .query(String.class)
                        .single())
                .isEqualTo("DONE");
    }

    private Post publish(World world, String title) {
        Post draft = posts.create(
                world.creator().id(),
                new PostDraft(title, "Body of " + title, PostKind.TEXT, null, null, Access.MEMBERS, null, false));
        return posts.publish(world.creator().id(), draft.id());
    }

    private long mailings(Post post) {
        return jdbc.sql("select count(*) from post_mailings where post_id = :p")
                .param("p", post.id().value())
                .query(Long.class)
                .single();
    }

    private long queued(Post post) {
        return jdbc.sql("select count(*) from mail_outbox where dedupe_key like :prefix")
                .param("prefix", "post:" + post.id().value() + ":%")
                .query(Long.class)
                .single();
    }
}
