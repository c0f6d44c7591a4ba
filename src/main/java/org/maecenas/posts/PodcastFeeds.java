package org.maecenas.posts;

import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.EntryInformationImpl;
import com.rometools.modules.itunes.FeedInformation;
import com.rometools.modules.itunes.FeedInformationImpl;
import com.rometools.modules.itunes.types.Duration;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEnclosureImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.UserId;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.media.StoredMedia;
import org.maecenas.posts.internal.FeedTokenRepository;
import org.maecenas.web.Markdown;
import org.maecenas.web.SiteProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * RSS feeds: a public one per creator with its public posts, and a private podcast feed per member
 * and creator (a secret address) with every episode that member may hear right now. Each episode's
 * enclosure points at an address that checks access again when the file is fetched.
 */
@Service
public class PodcastFeeds {

    static final int ENTRIES = 100;

    private final Posts posts;
    private final Campaigns campaigns;
    private final Entitlements entitlements;
    private final Accounts accounts;
    private final FeedTokenRepository tokens;
    private final SiteProperties site;
    private final Clock clock;

    PodcastFeeds(
            Posts posts,
            Campaigns campaigns,
            Entitlements entitlements,
            Accounts accounts,
            FeedTokenRepository tokens,
            SiteProperties site,
            Clock clock) {
        this.posts = posts;
        this.campaigns = campaigns;
        this.entitlements = entitlements;
        this.accounts = accounts;
        this.tokens = tokens;
        this.site = site;
        this.clock = clock;
    }

    /** Public posts of a published page, as RSS 2.0. */
    public String publicFeed(Campaign campaign) {
        SyndFeed feed = channel(campaign, campaign.name(), site.link(campaign.url()));
        List<SyndEntry> entries = new ArrayList<>();
        for (Post post : posts.published(campaign, null, Access.PUBLIC, ENTRIES, 0)) {
            SyndEntry entry = entry(campaign, post);
            post.audio().stream().findFirst().ifPresent(audio -> {
                entry.setEnclosures(List.of(enclosure(audio, site.link(AttachmentPaths.page(campaign, post, audio)))));
                entry.getModules().add(episode(campaign, post, audio));
            });
            entries.add(entry);
        }
        feed.setEntries(entries);
        return write(feed);
    }

    /** The member's private podcast feed, or empty when the token is unknown. */
    public Optional<String> privateFeed(String token) {
        return tokens.owner(token).map(owner -> {
            Campaign campaign = campaigns.require(owner.campaign());
            Reader reader = Reader.member(owner.user());
            SyndFeed feed = channel(campaign, campaign.name() + " (members’ feed)", site.link(campaign.url()));
            List<SyndEntry> entries = new ArrayList<>();
            for (Post post : posts.published(campaign, null, null, ENTRIES * 3, 0)) {
                if (post.audio().isEmpty() || !entitlements.maySee(reader, post, campaign)) {
                    continue;
                }
                StoredMedia audio = post.audio().getFirst();
                SyndEntry entry = entry(campaign, post);
                entry.setEnclosures(List.of(enclosure(audio, site.link(AttachmentPaths.feed(token, post, audio)))));
                entry.getModules().add(episode(campaign, post, audio));
                entries.add(entry);
                if (entries.size() == ENTRIES) {
                    break;
                }
            }
            feed.setEntries(entries);
            return write(feed);
        });
    }

    /** Who a token belongs to, for serving episode files from a private feed. */
    /** Who a token belongs to, for serving episode files of that token's creator only. */
    public Optional<Reader> readerOf(String token, org.maecenas.campaigns.CampaignId campaign) {
        return tokens.owner(token)
                .filter(owner -> owner.campaign().equals(campaign))
                .map(owner -> Reader.member(owner.user()));
    }

    /** The member's private feed address for a creator (made on first request). */
    @Transactional
    public String privateFeedUrl(UserId member, Campaign campaign) {
        return site.link("/feeds/podcast/" + tokens.tokenFor(member, campaign.id(), clock.instant()) + ".rss");
    }

    /** Replaces the member's secret: the old address stops working at once. */
    @Transactional
    public String resetPrivateFeed(UserId member, Campaign campaign) {
        return site.link("/feeds/podcast/" + tokens.reset(member, campaign.id(), clock.instant()) + ".rss");
    }

    private SyndFeed channel(Campaign campaign, String title, String link) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("rss_2.0");
        feed.setTitle(title);
        feed.setLink(link);
        feed.setDescription(campaign.oneLiner().isEmpty() ? campaign.name() : campaign.oneLiner());
        feed.setLanguage("en");
        FeedInformation itunes = new FeedInformationImpl();
        String author = accounts.find(new UserId(campaign.ownerUserId()))
                .map(u -> u.displayName())
                .orElse(campaign.name());
        itunes.setAuthor(campaign.name().equals(author) ? author : campaign.name() + " (" + author + ")");
        itunes.setSummary(campaign.oneLiner().isEmpty() ? campaign.name() : campaign.oneLiner());
        itunes.setExplicit(campaign.adult());
        itunes.setOwnerName(campaign.name());
        String image = campaign.avatarUrl() != null ? campaign.avatarUrl() : campaign.bannerUrl();
        if (image != null) {
            try {
                itunes.setImage(URI.create(site.link(image)).toURL());
            } catch (MalformedURLException | IllegalArgumentException ignored) {
                // an image is optional for a feed
            }
        }
        feed.getModules().add(itunes);
        return feed;
    }

    private SyndEntry entry(Campaign campaign, Post post) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setTitle(post.title());
        entry.setLink(site.link(post.path(campaign.slug())));
        entry.setUri(site.link("/" + campaign.slug() + "/posts/" + post.id().value()));
        entry.setPublishedDate(Date.from(post.publishedAt()));
        SyndContentImpl description = new SyndContentImpl();
        description.setType("text/plain");
        description.setValue(summary(post));
        entry.setDescription(description);
        return entry;
    }

    private static SyndEnclosure enclosure(StoredMedia audio, String url) {
        SyndEnclosure enclosure = new SyndEnclosureImpl();
        enclosure.setUrl(url);
        enclosure.setLength(audio.sizeBytes());
        enclosure.setType(audio.contentType());
        return enclosure;
    }

    private static EntryInformation episode(Campaign campaign, Post post, StoredMedia audio) {
        EntryInformation itunes = new EntryInformationImpl();
        itunes.setDuration(new Duration(audio.durationSeconds() * 1000L));
        itunes.setExplicit(campaign.adult());
        itunes.setSummary(summary(post));
        itunes.setAuthor(campaign.name());
        return itunes;
    }

    /** Every entry of a feed is one its reader may see, so its summary comes from the body itself. */
    private static String summary(Post post) {
        return Markdown.toText(post.bodyMarkdown(), Posts.TEASER_MAX);
    }

    private static String write(SyndFeed feed) {
        try {
            return new SyndFeedOutput().outputString(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("could not write a feed", e);
        }
    }
}
