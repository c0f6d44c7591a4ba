package org.maecenas.posts;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.maecenas.accounts.UserId;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.SearchLexicon;
import org.maecenas.campaigns.Tiers;
import org.maecenas.media.Media;
import org.maecenas.media.MediaKind;
import org.maecenas.media.StoredMedia;
import org.maecenas.posts.PostEvents.PostDeleted;
import org.maecenas.posts.PostEvents.PostPublished;
import org.maecenas.posts.PostEvents.PostUnpublished;
import org.maecenas.posts.PostProblems.PaidPostLimitReached;
import org.maecenas.posts.PostProblems.PostNotFound;
import org.maecenas.posts.internal.PostRepository;
import org.maecenas.web.InvalidInput;
import org.maecenas.web.Markdown;
import org.maecenas.web.Slugs;
import org.maecenas.web.VideoEmbed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writing and publishing creations. Changes are the creator's own (checked by the page they own);
 * publishing announces {@link PostPublished} inside the transaction, so billing hears of every
 * publish exactly when it commits.
 */
@Service
public class Posts {

    public static final int TITLE_MAX = 200;
    public static final int TEASER_MAX = 280;

    private final PostRepository posts;
    private final Campaigns campaigns;
    private final Tiers tiers;
    private final Media media;
    private final SearchLexicon lexicon;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Posts(
            PostRepository posts,
            Campaigns campaigns,
            Tiers tiers,
            Media media,
            SearchLexicon lexicon,
            ApplicationEventPublisher events,
            Clock clock) {
        this.posts = posts;
        this.campaigns = campaigns;
        this.tiers = tiers;
        this.media = media;
        this.lexicon = lexicon;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Post create(UserId owner, PostDraft draft) {
        Campaign campaign = campaigns.mine(owner);
        validate(campaign, draft);
        PostId id = posts.insert(campaign.id(), draft, render(draft), clock.instant());
        return require(id);
    }

    @Transactional
    public Post update(UserId owner, PostId id, PostDraft draft) {
        Campaign campaign = campaigns.mine(owner);
        validate(campaign, draft);
        if (posts.update(campaign.id(), id, draft, render(draft), clock.instant()) == 0) {
            throw new PostNotFound();
        }
        Post post = require(id);
        if (post.isPublished()) {
            lexicon.remember(post.title());
        }
        return post;
    }

    @Transactional
    public Post publish(UserId owner, PostId id) {
        Campaign campaign = campaigns.mine(owner);
        return publish(campaign, own(campaign, id));
    }

    /** Publishes at a later time; a db-scheduler task publishes it then, on whichever node. */
    @Transactional
    public Post schedule(UserId owner, PostId id, Instant at) {
        Campaign campaign = campaigns.mine(owner);
        own(campaign, id);
        if (at == null || !at.isAfter(clock.instant())) {
            throw InvalidInput.of("scheduledAt", "Choose a time in the future.");
        }
        posts.schedule(campaign.id(), id, at, clock.instant());
        return require(id);
    }

    /** Publishes every scheduled post whose time has come. Safe to run on several nodes at once. */
    @Transactional
    public int publishDue() {
        int published = 0;
        for (PostId id : posts.dueScheduled(clock.instant(), 100)) {
            Post post = require(id);
            Campaign campaign = campaigns.require(post.campaignId());
            if (post.status() == Post.Status.SCHEDULED) {
                try {
                    publish(campaign, post);
                    published++;
                } catch (PaidPostLimitReached limit) {
                    // published free of charge rather than not at all; the creator sees it in the workspace
                    posts.update(campaign.id(), id, withoutCharge(post), render(PostDraft.of(post)), clock.instant());
                    publish(campaign, require(id));
                    published++;
                }
            }
        }
        return published;
    }

    @Transactional
    public Post unpublish(UserId owner, PostId id) {
        Campaign campaign = campaigns.mine(owner);
        Post post = own(campaign, id);
        boolean wasPublished = post.isPublished();
        posts.unpublish(campaign.id(), id, clock.instant());
        if (wasPublished) {
            events.publishEvent(new PostUnpublished(id, campaign.id(), clock.instant()));
        }
        return require(id);
    }

    @Transactional
    public void delete(UserId owner, PostId id) {
        Campaign campaign = campaigns.mine(owner);
        own(campaign, id);
        posts.delete(campaign.id(), id, clock.instant());
        events.publishEvent(new PostDeleted(id, campaign.id(), clock.instant()));
    }

    @Transactional
    public void lockComments(UserId owner, PostId id, boolean locked) {
        // readers without a page of their own reach this from a post's comments: not theirs (403)
        Campaign campaign = campaigns.ofOwner(owner).orElseThrow(PostProblems.NotYourPost::new);
        own(campaign, id);
        posts.lockComments(campaign.id(), id, locked);
    }

    /** Adds an uploaded image or audio file; it is served only to those who may see the post. */
    @Transactional
    public StoredMedia attach(UserId owner, PostId id, String fileName, InputStream content) {
        Campaign campaign = campaigns.mine(owner);
        own(campaign, id);
        StoredMedia stored =
                media.store(owner.value(), fileName, content, Set.of(MediaKind.IMAGE, MediaKind.AUDIO), false);
        posts.attach(id, stored.id().value());
        return stored;
    }

    @Transactional
    public void detach(UserId owner, PostId id, long mediaId) {
        Campaign campaign = campaigns.mine(owner);
        own(campaign, id);
        posts.detach(id, mediaId);
    }

    public Post require(PostId id) {
        return posts.find(id).map(p -> withMedia(List.of(p)).getFirst()).orElseThrow(PostNotFound::new);
    }

    public List<Post> published(
            Campaign campaign, @Nullable PostKind kind, @Nullable Access access, int limit, int offset) {
        return withMedia(posts.published(campaign.id(), kind, access, limit, offset));
    }

    public long countPublished(Campaign campaign, @Nullable PostKind kind, @Nullable Access access) {
        return posts.countPublished(campaign.id(), kind, access);
    }

    public List<Post> workspace(Campaign campaign) {
        return withMedia(posts.forWorkspace(campaign.id(), 500));
    }

    public List<Post> feed(List<Long> campaignIds, int limit, int offset) {
        return withMedia(posts.feed(campaignIds, limit, offset));
    }

    @Transactional(readOnly = true)
    public List<Post> search(String query, int limit) {
        return query == null || query.isBlank() ? List.of() : withMedia(posts.search(query.strip(), limit));
    }

    public int paidPostsThisMonth(Campaign campaign) {
        return posts.paidPublishedSince(campaign.id(), monthStart());
    }

    private Post publish(Campaign campaign, Post post) {
        if (post.isPublished()) {
            return post;
        }
        boolean charge = post.chargePatrons() && campaign.billingModel() == BillingModel.PER_CREATION;
        if (charge) {
            posts.lockCampaignForPublishing(campaign.id());
            if (posts.paidPublishedSince(campaign.id(), monthStart()) >= campaign.paidPostsPerMonth()) {
                throw new PaidPostLimitReached(campaign.paidPostsPerMonth());
            }
        }
        Instant now = clock.instant();
        if (posts.publish(campaign.id(), post.id(), now) == 0) {
            throw new PostNotFound();
        }
        lexicon.remember(post.title());
        events.publishEvent(new PostPublished(post.id(), campaign.id(), charge, now));
        return require(post.id());
    }

    private Post own(Campaign campaign, PostId id) {
        Post post = require(id);
        if (!post.campaignId().equals(campaign.id())) {
            throw new PostProblems.NotYourPost();
        }
        if (post.isDeleted()) {
            throw new PostNotFound();
        }
        return post;
    }

    /** A post of the owner's page, for the editor: another creator's post is refused (403). */
    public Post owned(UserId owner, PostId id) {
        return own(campaigns.mine(owner), id);
    }

    private Instant monthStart() {
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        return now.withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private void validate(Campaign campaign, PostDraft draft) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        problems.check(!draft.title().isEmpty(), "title", "Give the post a title.");
        problems.check(draft.title().length() <= TITLE_MAX, "title", "Use at most 200 characters.");
        problems.check(draft.body().length() <= 100_000, "body", "Use at most 100,000 characters.");
        if (draft.kind() == PostKind.VIDEO) {
            problems.check(
                    draft.videoUrl() != null && VideoEmbed.isWebLink(draft.videoUrl()),
                    "videoUrl",
                    "Enter the video’s address, starting with https://.");
        } else {
            problems.check(
                    draft.videoUrl() == null || VideoEmbed.isWebLink(draft.videoUrl()),
                    "videoUrl",
                    "Enter a web address starting with https://.");
        }
        if (draft.kind() == PostKind.LINK) {
            problems.check(
                    draft.linkUrl() != null && VideoEmbed.isWebLink(draft.linkUrl()),
                    "linkUrl",
                    "Enter the link’s address, starting with https://.");
        } else {
            problems.check(
                    draft.linkUrl() == null || VideoEmbed.isWebLink(draft.linkUrl()),
                    "linkUrl",
                    "Enter a web address starting with https://.");
        }
        if (draft.access() == Access.TIER) {
            boolean tierOfThisPage = draft.minTier() != null
                    && tiers.all(campaign.id()).stream().anyMatch(t -> t.id().equals(draft.minTier()));
            problems.check(tierOfThisPage, "minTier", "Choose one of your tiers.");
        }
        problems.check(
                !draft.chargePatrons() || campaign.billingModel() == BillingModel.PER_CREATION,
                "chargePatrons",
                "Only pages paid per creation charge patrons per post.");
        problems.throwIfAny();
    }

    /**
     * The teaser is shown to everyone, locked or not, so only a public post's text may become one:
     * a locked post's opening lines are its body.
     */
    private static PostRepository.Rendered render(PostDraft draft) {
        String teaser = draft.access() == Access.PUBLIC ? Markdown.toText(draft.body(), TEASER_MAX) : "";
        return new PostRepository.Rendered(Slugs.of(draft.title(), 60), Markdown.toHtml(draft.body()), teaser);
    }

    private static PostDraft withoutCharge(Post post) {
        PostDraft draft = PostDraft.of(post);
        return new PostDraft(
                draft.title(),
                draft.body(),
                draft.kind(),
                draft.videoUrl(),
                draft.linkUrl(),
                draft.access(),
                draft.minTier(),
                false);
    }

    private List<Post> withMedia(List<Post> found) {
        Map<Long, List<Long>> ids =
                posts.attachmentIds(found.stream().map(Post::id).toList());
        Map<Long, StoredMedia> stored =
                media.findAll(ids.values().stream().flatMap(List::stream).toList());
        List<Post> result = new ArrayList<>(found.size());
        for (Post post : found) {
            List<StoredMedia> attachments = ids.getOrDefault(post.id().value(), List.of()).stream()
                    .map(stored::get)
                    .filter(java.util.Objects::nonNull)
                    .toList();
            result.add(post.withAttachments(attachments));
        }
        return result;
    }
}
