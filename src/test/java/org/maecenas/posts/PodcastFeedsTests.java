package org.maecenas.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.FeedInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.media.SampleFiles;
import org.maecenas.media.StoredMedia;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The public RSS feed and each member's private podcast feed, read back as a podcast app would. */
@MaecenasTest
class PodcastFeedsTests {

    static final String SITE = "http://localhost";
    static final byte[] MEMBERS_EPISODE = SampleFiles.silentMp3(7);
    static final byte[] TRAILER = SampleFiles.silentMp3(2);

    @Autowired
    MockMvc mvc;

    @Autowired
    CreatorWorld worlds;

    @Autowired
    Posts posts;

    @Autowired
    TestUsers users;

    World world;
    Post membersEpisode;
    StoredMedia membersAudio;
    Post trailer;
    StoredMedia trailerAudio;

    @BeforeEach
    void buildWorld() {
        world = worlds.build("feeds", BillingModel.MONTHLY);
        membersEpisode = audioPost("Members episode", "Notes for *members* only.", Access.MEMBERS, MEMBERS_EPISODE);
        membersAudio = membersEpisode.audio().getFirst();
        trailer = audioPost("Public trailer", "Hear what it is about.", Access.PUBLIC, TRAILER);
        trailerAudio = trailer.audio().getFirst();
    }

    @Test
    void thePublicFeedIsRss2WithOnlyPublicPostsAndEnclosuresForAudio() throws Exception {
        MockHttpServletResponse response = send(null, get("/" + world.campaign().slug() + "/feed.rss"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/rss+xml");
        String xml = response.getContentAsString();
        SyndFeed feed = parse(xml);
        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getTitle()).isEqualTo(world.campaign().name());
        assertThat(feed.getLink()).isEqualTo(SITE + "/" + world.campaign().slug());
        assertThat(feed.getEntries())
                .extracting(SyndEntry::getTitle)
                .containsExactly("Public trailer", "Welcome to the show");
        assertThat(xml)
                .doesNotContain("members-only-body")
                .doesNotContain("patron-only-body")
                .doesNotContain("Members episode");

        SyndEntry entry = feed.getEntries().getFirst();
        assertThat(entry.getLink())
                .isEqualTo(SITE + trailer.path(world.campaign().slug()));
        assertThat(entry.getDescription().getValue()).isEqualTo("Hear what it is about.");
        SyndEnclosure enclosure = entry.getEnclosures().getFirst();
        assertThat(enclosure.getUrl())
                .isEqualTo(SITE + "/" + world.campaign().slug() + "/posts/"
                        + trailer.id().value() + "/attachments/"
                        + trailerAudio.id().value() + ".mp3");
        assertThat(enclosure.getLength()).isEqualTo(TRAILER.length);
        assertThat(enclosure.getType()).isEqualTo("audio/mpeg");
        assertThat(feed.getEntries().get(1).getEnclosures()).isEmpty();

        MockHttpServletResponse file = send(null, get(enclosure.getUrl().substring(SITE.length())));
        assertThat(file.getStatus()).isEqualTo(200);
        assertThat(file.getContentAsByteArray()).isEqualTo(TRAILER);
    }

    @Test
    void aFollowersPrivateFeedHasTheMembersEpisodeWithItunesTagsButNotThePatronsOne() throws Exception {
        String feedPath = privateFeedPath(world.follower());

        MockHttpServletResponse response = send(null, get(feedPath));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        String xml = response.getContentAsString();
        assertThat(xml)
                .contains("<itunes:duration>")
                .contains("<itunes:author>")
                .contains("<itunes:explicit>")
                .contains("<itunes:summary>")
                .contains("<itunes:image href=\"" + SITE + world.campaign().avatarUrl() + "\"");
        SyndFeed feed = parse(xml);
        assertThat(feed.getEntries())
                .as("audio episodes the follower may hear; the patrons' episode is left out")
                .extracting(SyndEntry::getTitle)
                .containsExactly("Public trailer", "Members episode");
        assertThat(xml).doesNotContain("Episode 1: the locked one").doesNotContain("patron-only-body");

        FeedInformation channel = (FeedInformation) feed.getModule(ITunes.URI);
        assertThat(channel.getImage().toString())
                .isEqualTo(SITE + world.campaign().avatarUrl());
        assertThat(channel.getExplicitNullable()).isFalse();

        SyndEntry episode = feed.getEntries().get(1);
        SyndEnclosure enclosure = episode.getEnclosures().getFirst();
        assertThat(enclosure.getUrl())
                .startsWith(SITE + feedPath.replace(".rss", "/")
                        + membersEpisode.id().value() + "/")
                .endsWith("/" + membersAudio.id().value() + ".mp3");
        assertThat(enclosure.getLength()).isEqualTo(MEMBERS_EPISODE.length);
        assertThat(enclosure.getType()).isEqualTo("audio/mpeg");
        EntryInformation itunes = (EntryInformation) episode.getModule(ITunes.URI);
        assertThat(itunes.getDuration().getMilliseconds()).isEqualTo(membersAudio.durationSeconds() * 1000L);
        assertThat(membersAudio.durationSeconds()).isBetween(6, 8);
        assertThat(itunes.getAuthor()).isEqualTo(world.campaign().name());
        assertThat(itunes.getExplicitNullable()).isFalse();
        assertThat(itunes.getSummary()).isEqualTo("Notes for members only.");

        MockHttpServletResponse file = send(null, get(enclosure.getUrl().substring(SITE.length())));
        assertThat(file.getStatus()).isEqualTo(200);
        assertThat(file.getContentType()).isEqualTo("audio/mpeg");
        assertThat(file.getContentAsByteArray()).isEqualTo(MEMBERS_EPISODE);
    }

    @Test
    void theFeedTokenDoesNotOpenThePatronsEpisodeFile() throws Exception {
        String feedPath = privateFeedPath(world.follower());
        String token = feedPath.substring("/feeds/podcast/".length(), feedPath.length() - ".rss".length());

        MockHttpServletResponse response = send(
                null,
                get("/feeds/podcast/" + token + "/"
                        + world.lockedAudioPost().id().value() + "/"
                        + world.lockedAudio().id().value() + ".mp3"));

        assertThat(response.getStatus()).isEqualTo(403);
    }

    @Test
    void aFeedTokenOpensOnlyItsOwnCreatorsFiles() throws Exception {
        World other = worlds.build("feeds-other", BillingModel.MONTHLY);
        String feedPath = privateFeedPath(world.follower());
        String token = feedPath.substring("/feeds/podcast/".length(), feedPath.length() - ".rss".length());
        // the other creator's file is one its own creator may open, but not through this feed
        MockHttpServletResponse response = send(
                null,
                get("/feeds/podcast/" + token + "/"
                        + other.lockedAudioPost().id().value() + "/"
                        + other.lockedAudio().id().value() + ".mp3"));

        assertThat(response.getStatus()).isEqualTo(404);
    }

    @Test
    void afterUnfollowingTheFeedNoLongerListsOrServesTheMembersEpisode() throws Exception {
        String feedPath = privateFeedPath(world.follower());
        String enclosure = enclosurePath(send(null, get(feedPath)).getContentAsString(), membersEpisode);

        MockHttpServletResponse unfollow = send(
                world.follower(),
                post("/" + world.campaign().slug() + "/unfollow").with(csrf()));
        assertThat(unfollow.getStatus()).isEqualTo(302);

        SyndFeed feed = parse(send(null, get(feedPath)).getContentAsString());
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).containsExactly("Public trailer");
        assertThat(send(null, get(enclosure)).getStatus()).isEqualTo(403);
    }

    @Test
    void resettingGivesANewAddressAndTheOldOneStopsAtOnce() throws Exception {
        String oldFeed = privateFeedPath(world.follower());
        String oldEnclosure = enclosurePath(send(null, get(oldFeed)).getContentAsString(), membersEpisode);

        MockHttpServletResponse reset = send(
                world.follower(),
                post("/" + world.campaign().slug() + "/podcast/reset").with(csrf()));

        assertThat(reset.getStatus()).isEqualTo(302);
        assertThat(reset.getRedirectedUrl()).isEqualTo("/" + world.campaign().slug() + "#podcast");
        String newFeed = privateFeedPath(world.follower());
        assertThat(newFeed).isNotEqualTo(oldFeed).matches("/feeds/podcast/[A-Za-z0-9_-]{43}\\.rss");
        assertThat(send(null, get(oldFeed)).getStatus()).isEqualTo(404);
        assertThat(send(null, get(oldEnclosure)).getStatus()).isEqualTo(404);

        String newEnclosure = enclosurePath(send(null, get(newFeed)).getContentAsString(), membersEpisode);
        MockHttpServletResponse file = send(null, get(newEnclosure));
        assertThat(file.getStatus()).isEqualTo(200);
        assertThat(file.getContentAsByteArray()).isEqualTo(MEMBERS_EPISODE);
    }

    @Test
    void onlyMembersHaveAPrivateFeedToReset() throws Exception {
        String path = "/" + world.campaign().slug() + "/podcast/reset";

        MockHttpServletResponse stranger =
                send(users.create("stranger"), post(path).with(csrf()));
        MockHttpServletResponse anonymous = send(null, post(path).with(csrf()));

        assertThat(stranger.getStatus()).isEqualTo(403);
        assertThat(anonymous.getStatus()).isEqualTo(302);
        assertThat(anonymous.getRedirectedUrl()).isEqualTo("/login");
        String strangersPage = send(
                        users.create("stranger"), get("/" + world.campaign().slug()))
                .getContentAsString();
        assertThat(strangersPage).doesNotContain("/feeds/podcast/");
    }

    // --- helpers

    private Post audioPost(String title, String body, Access access, byte[] mp3) {
        Post draft = posts.create(
                world.creator().id(), new PostDraft(title, body, PostKind.AUDIO, null, null, access, null, false));
        posts.attach(world.creator().id(), draft.id(), title + ".mp3", new ByteArrayInputStream(mp3));
        return posts.publish(world.creator().id(), draft.id());
    }

    /** The private feed's address as the member's view of the creator page shows it. */
    private String privateFeedPath(User member) throws Exception {
        String html = send(member, get("/" + world.campaign().slug())).getContentAsString();
        Matcher matcher = Pattern.compile("value=\"" + Pattern.quote(SITE) + "(/feeds/podcast/[^\"]+\\.rss)\"")
                .matcher(html);
        assertThat(matcher.find())
                .as("the creator page shows a private feed address")
                .isTrue();
        return matcher.group(1);
    }

    private String enclosurePath(String xml, Post post) throws Exception {
        return parse(xml).getEntries().stream()
                .filter(e -> e.getTitle().equals(post.title()))
                .findFirst()
                .orElseThrow()
                .getEnclosures()
                .getFirst()
                .getUrl()
                .substring(SITE.length());
    }

    private static SyndFeed parse(String xml) throws Exception {
        return new SyndFeedInput().build(new StringReader(xml));
    }

    private MockHttpServletResponse send(@Nullable User who, MockHttpServletRequestBuilder request) throws Exception {
        if (who != null) {
            request.with(user(TestUsers.principal(who)));
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
