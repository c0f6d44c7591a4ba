package org.maecenas.testing;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.maecenas.accounts.Role;
import org.maecenas.accounts.User;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.CampaignDraft;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.Goal;
import org.maecenas.campaigns.Goals;
import org.maecenas.campaigns.Tier;
import org.maecenas.campaigns.TierDraft;
import org.maecenas.campaigns.Tiers;
import org.maecenas.media.SampleFiles;
import org.maecenas.media.StoredMedia;
import org.maecenas.pledges.Memberships;
import org.maecenas.posts.Access;
import org.maecenas.posts.Comments;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostDraft;
import org.maecenas.posts.PostKind;
import org.maecenas.posts.Posts;
import org.maecenas.posts.Reader;
import org.springframework.stereotype.Component;

/**
 * Builds a creator's world through the real services: a published page with a tier and a goal, a
 * public post with comments, a members-only post, a patrons-only audio post, a draft and a deleted
 * post, and a follower.
 */
@Component
public class CreatorWorld {

    private final TestUsers users;
    private final Campaigns campaigns;
    private final Tiers tiers;
    private final Goals goals;
    private final Posts posts;
    private final Comments comments;
    private final Memberships memberships;

    CreatorWorld(
            TestUsers users,
            Campaigns campaigns,
            Tiers tiers,
            Goals goals,
            Posts posts,
            Comments comments,
            Memberships memberships) {
        this.users = users;
        this.campaigns = campaigns;
        this.tiers = tiers;
        this.goals = goals;
        this.posts = posts;
        this.comments = comments;
        this.memberships = memberships;
    }

    /** Everything a test may want to point at. */
    public record World(
            User creator,
            Campaign campaign,
            Tier tier,
            User follower,
            Post publicPost,
            Post membersPost,
            Post lockedAudioPost,
            StoredMedia lockedAudio,
            Post draftPost,
            Post deletedPost) {}

    public World build(String name, BillingModel model) {
        User creator = users.create(name + "-creator");
        String slug = (name + "-" + Long.toString(System.nanoTime(), 36)).toLowerCase();
        campaigns.create(
                creator.id(),
                new CampaignDraft(
                        slug,
                        "The " + name + " Show",
                        "is creating a weekly podcast",
                        "We talk about **old maps**.",
                        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                        "USD",
                        model,
                        "episode",
                        true,
                        false,
                        false,
                        10));
        campaigns.setImage(
                creator.id(), "avatar", "avatar.png", new ByteArrayInputStream(SampleFiles.png(64, 64, Color.PINK)));
        Campaign campaign = campaigns.publish(creator.id(), true);
        Tier tier = tiers.add(
                creator.id(),
                new TierDraft(
                        "Supporter",
                        "Every episode early",
                        500,
                        100,
                        List.of("Early episodes", "Private feed"),
                        "Thank you!",
                        true));
        goals.add(creator.id(), Goal.Kind.PATRONS, 50, "A weekly episode");

        Post publicPost = publish(
                creator,
                new PostDraft(
                        "Welcome to the show",
                        "Hello **everyone**.",
                        PostKind.TEXT,
                        null,
                        null,
                        Access.PUBLIC,
                        null,
                        false));
        Post membersPost = publish(
                creator,
                new PostDraft(
                        "Members corner",
                        "Thanks for following. Secret words: " + "members-only-body",
                        PostKind.TEXT,
                        null,
                        null,
                        Access.MEMBERS,
                        null,
                        false));
        Post audio = posts.create(
                creator.id(),
                new PostDraft(
                        "Episode 1: the locked one",
                        "Show notes with the patron-only-body.",
                        PostKind.AUDIO,
                        null,
                        null,
                        Access.PATRONS,
                        null,
                        false));
        StoredMedia file = posts.attach(
                creator.id(), audio.id(), "episode-1.mp3", new ByteArrayInputStream(SampleFiles.silentMp3(5)));
        Post lockedAudio = posts.publish(creator.id(), audio.id());
        Post draft = posts.create(
                creator.id(),
                new PostDraft("Unfinished draft", "draft-body", PostKind.TEXT, null, null, Access.PUBLIC, null, false));
        Post deleted = publish(
                creator, new PostDraft("Deleted one", "gone", PostKind.TEXT, null, null, Access.PUBLIC, null, false));
        posts.delete(creator.id(), deleted.id());

        User follower = users.create(name + "-follower");
        memberships.follow(follower.id(), campaign);
        long first = comments.add(Reader.member(follower.id()), publicPost.id(), null, "First!");
        comments.add(Reader.member(creator.id()), publicPost.id(), first, "Welcome aboard.");
        return new World(
                creator,
                campaigns.require(campaign.id()),
                tier,
                follower,
                publicPost,
                membersPost,
                posts.require(lockedAudio.id()),
                file,
                draft,
                posts.require(deleted.id()));
    }

    private Post publish(User creator, PostDraft draft) {
        Post post = posts.create(creator.id(), draft);
        return posts.publish(creator.id(), post.id());
    }

    public static User asAdmin(TestUsers users) {
        return users.create("admin", Role.ADMIN);
    }
}
