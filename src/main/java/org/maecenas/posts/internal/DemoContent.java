package org.maecenas.posts.internal;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.maecenas.accounts.Accounts;
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
import org.maecenas.pledges.Memberships;
import org.maecenas.posts.Access;
import org.maecenas.posts.Comments;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostDraft;
import org.maecenas.posts.PostKind;
import org.maecenas.posts.Posts;
import org.maecenas.posts.Reader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** With {@code --demo}: the demo creator gets a living page, so a new instance has something to see. */
@Component
@Order(10)
@ConditionalOnBooleanProperty("maecenas.demo.enabled")
class DemoContent implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoContent.class);

    private final Accounts accounts;
    private final Campaigns campaigns;
    private final Tiers tiers;
    private final Goals goals;
    private final Posts posts;
    private final Comments comments;
    private final Memberships memberships;

    DemoContent(
            Accounts accounts,
            Campaigns campaigns,
            Tiers tiers,
            Goals goals,
            Posts posts,
            Comments comments,
            Memberships memberships) {
        this.accounts = accounts;
        this.campaigns = campaigns;
        this.tiers = tiers;
        this.goals = goals;
        this.posts = posts;
        this.comments = comments;
        this.memberships = memberships;
    }

    @Override
    public void run(ApplicationArguments args) {
        User creator = accounts.findByEmail("creator@demo.maecenas.test").orElse(null);
        if (creator == null || campaigns.ofOwner(creator.id()).isPresent()) {
            return;
        }
        campaigns.create(
                creator.id(),
                new CampaignDraft(
                        "cleo-maps",
                        "Cleo’s Map Room",
                        "is creating a weekly podcast about old maps",
                        """
                Every week I pick one old map and tell the story of the people who drew it, sold it and got lost with it.

                **Patrons** get every episode a week early, the scans in full resolution and a say in what comes next.
                """,
                        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                        "USD",
                        BillingModel.PER_CREATION,
                        "episode",
                        true,
                        false,
                        false,
                        10));
        campaigns.setImage(
                creator.id(),
                "avatar",
                "avatar.png",
                new ByteArrayInputStream(SampleFiles.png(256, 256, new Color(0x7a3b2e))));
        campaigns.setImage(
                creator.id(),
                "banner",
                "banner.png",
                new ByteArrayInputStream(SampleFiles.png(1500, 500, new Color(0xd9c7a7))));
        Campaign campaign = campaigns.publish(creator.id(), true);
        campaigns.feature(campaign.id(), true);
        tiers.add(
                creator.id(),
                new TierDraft(
                        "Reader",
                        "Early episodes and the show notes.",
                        200,
                        null,
                        List.of("Every episode a week early", "Show notes with sources"),
                        "Welcome aboard!",
                        true));
        Tier cartographer = tiers.add(
                creator.id(),
                new TierDraft(
                        "Cartographer",
                        "Everything, plus the full scans.",
                        500,
                        50,
                        List.of("Everything in Reader", "Full-resolution map scans", "Vote on the next map"),
                        "Thank you, cartographer.",
                        true));
        goals.add(creator.id(), Goal.Kind.PATRONS, 100, "At 100 patrons the show goes weekly for good.");

        publish(
                creator,
                new PostDraft("Welcome to the Map Room", """
                This is where the maps live. Public episodes are for everyone; the rest are for members.
                """, PostKind.TEXT, null, null, Access.PUBLIC, null, false));
        publish(
                creator,
                new PostDraft(
                        "Behind the scenes: how I scan a map",
                        "Lights, glass, patience.",
                        PostKind.VIDEO,
                        "https://vimeo.com/76979871",
                        null,
                        Access.MEMBERS,
                        null,
                        false));
        Post episode = posts.create(
                creator.id(),
                new PostDraft(
                        "Episode 1: The island that wasn’t there",
                        "The story of Sandy Island, charted for a century and never found.",
                        PostKind.AUDIO,
                        null,
                        null,
                        Access.PATRONS,
                        null,
                        true));
        posts.attach(creator.id(), episode.id(), "episode-1.mp3", new ByteArrayInputStream(SampleFiles.silentMp3(30)));
        posts.publish(creator.id(), episode.id());
        Post scans = publish(
                creator,
                new PostDraft(
                        "Full scans: Sandy Island",
                        "Download the scans in full.",
                        PostKind.IMAGES,
                        null,
                        null,
                        Access.TIER,
                        cartographer.id(),
                        false));

        User patron = accounts.findByEmail("patron@demo.maecenas.test").orElse(null);
        if (patron != null) {
            memberships.follow(patron.id(), campaign);
            Post welcome = posts.published(campaign, null, Access.PUBLIC, 1, 0).getFirst();
            long first = comments.add(
                    Reader.member(patron.id()), welcome.id(), null, "Found you through the map forum. Subscribed!");
            comments.add(Reader.member(creator.id()), welcome.id(), first, "Welcome, glad you’re here.");
        }
        log.info("Demo creator page ready at /{} ({} posts)", campaign.slug(), scans == null ? 0 : 4);
    }

    private Post publish(User creator, PostDraft draft) {
        Post post = posts.create(creator.id(), draft);
        return posts.publish(creator.id(), post.id());
    }

    static boolean isCreator(User user) {
        return user.has(Role.CREATOR);
    }
}
