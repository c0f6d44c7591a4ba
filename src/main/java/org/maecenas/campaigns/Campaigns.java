package org.maecenas.campaigns;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.Role;
import org.maecenas.accounts.UserId;
import org.maecenas.campaigns.CampaignProblems.AlreadyHasCampaign;
import org.maecenas.campaigns.CampaignProblems.CampaignNotFound;
import org.maecenas.campaigns.CampaignProblems.NotYourCampaign;
import org.maecenas.campaigns.internal.CampaignRepository;
import org.maecenas.media.Media;
import org.maecenas.media.MediaKind;
import org.maecenas.media.StoredMedia;
import org.maecenas.web.InvalidInput;
import org.maecenas.web.Markdown;
import org.maecenas.web.VideoEmbed;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opening and running a creator page. Every change checks that the page is the caller's. */
@Service
public class Campaigns {

    /** Words that are, or may become, the site's own paths. */
    static final Set<String> RESERVED_SLUGS = Set.of(
            "about",
            "account",
            "accounts",
            "actuator",
            "admin",
            "api",
            "assets",
            "auth",
            "billing",
            "blog",
            "campaigns",
            "creators",
            "css",
            "dashboard",
            "dev",
            "error",
            "explore",
            "favicon",
            "feeds",
            "help",
            "home",
            "images",
            "img",
            "join",
            "js",
            "login",
            "logout",
            "maecenas",
            "mail",
            "media",
            "me",
            "new",
            "oauth",
            "oauth2",
            "password-reset",
            "patrons",
            "posts",
            "privacy",
            "robots",
            "rss",
            "search",
            "settings",
            "signup",
            "static",
            "status",
            "support",
            "terms",
            "verify-email",
            "webhooks",
            "webjars",
            "www");

    private final CampaignRepository campaigns;
    private final Accounts accounts;
    private final Media media;
    private final SearchLexicon lexicon;
    private final Clock clock;

    Campaigns(CampaignRepository campaigns, Accounts accounts, Media media, SearchLexicon lexicon, Clock clock) {
        this.campaigns = campaigns;
        this.accounts = accounts;
        this.media = media;
        this.lexicon = lexicon;
        this.clock = clock;
    }

    /** Opens the signed-in user's page (a draft until published) and makes them a creator. */
    @Transactional
    public Campaign create(UserId owner, CampaignDraft draft) {
        if (campaigns.findByOwner(owner.value()).isPresent()) {
            throw new AlreadyHasCampaign();
        }
        validate(draft, owner.value(), null);
        CampaignId id;
        try {
            id = campaigns.insert(owner.value(), draft, Markdown.toHtml(draft.summary()), clock.instant());
        } catch (DuplicateKeyException raced) {
            throw InvalidInput.of("slug", "This address is taken. Choose another.");
        }
        accounts.grant(owner, Role.CREATOR);
        lexicon.remember(draft.name() + " " + draft.oneLiner());
        return require(id);
    }

    @Transactional
    public Campaign update(UserId owner, CampaignDraft draft) {
        Campaign current = mine(owner);
        validate(draft, owner.value(), current);
        try {
            campaigns.update(current.id(), owner.value(), draft, Markdown.toHtml(draft.summary()), clock.instant());
        } catch (DuplicateKeyException raced) {
            throw InvalidInput.of("slug", "This address is taken. Choose another.");
        }
        lexicon.remember(draft.name() + " " + draft.oneLiner());
        return require(current.id());
    }

    /** Sets the avatar or banner from an upload (checked and decoded by the media module). */
    @Transactional
    public Campaign setImage(UserId owner, String which, String fileName, InputStream content) {
        if (!which.equals("avatar") && !which.equals("banner")) {
            throw InvalidInput.of("image", "Choose the avatar or the banner.");
        }
        Campaign current = mine(owner);
        StoredMedia stored = media.store(owner.value(), fileName, content, Set.of(MediaKind.IMAGE), true);
        campaigns.setImage(current.id(), owner.value(), which, stored.id(), clock.instant());
        return require(current.id());
    }

    @Transactional
    public Campaign publish(UserId owner, boolean published) {
        Campaign current = mine(owner);
        campaigns.setPublished(current.id(), owner.value(), published, clock.instant());
        return require(current.id());
    }

    /** Chooses what members get by mail when a post is published. */
    @Transactional
    public Campaign setPostMail(UserId owner, PostMail postMail) {
        Campaign current = mine(owner);
        campaigns.setPostMail(current.id(), owner.value(), postMail, clock.instant());
        return require(current.id());
    }

    /** Admins feature pages on the home page and in explore. */
    @Transactional
    public void feature(CampaignId id, boolean featured) {
        require(id);
        campaigns.setFeatured(id, featured, clock.instant());
    }

    public Optional<Campaign> bySlug(String slug) {
        return slug == null ? Optional.empty() : campaigns.findBySlug(slug.toLowerCase(java.util.Locale.ROOT));
    }

    /** A page that may be shown to this viewer: published, or the viewer's own, or the viewer is an admin. */
    public Campaign visible(String slug, long viewerId, boolean admin) {
        return bySlug(slug)
                .filter(c -> c.published() || c.ownedBy(viewerId) || admin)
                .orElseThrow(CampaignNotFound::new);
    }

    public Optional<Campaign> ofOwner(UserId owner) {
        return campaigns.findByOwner(owner.value());
    }

    public Campaign mine(UserId owner) {
        return campaigns.findByOwner(owner.value()).orElseThrow(CampaignNotFound::new);
    }

    public Campaign require(CampaignId id) {
        return campaigns.find(id).orElseThrow(CampaignNotFound::new);
    }

    /** The page if it belongs to this user (admins may act on any). */
    public Campaign requireOwned(CampaignId id, UserId user, boolean admin) {
        Campaign campaign = require(id);
        if (!campaign.ownedBy(user.value()) && !admin) {
            throw new NotYourCampaign();
        }
        return campaign;
    }

    public List<Campaign> featured(int limit) {
        return campaigns.featured(limit);
    }

    public List<Campaign> newest(int limit) {
        return campaigns.newest(limit);
    }

    public List<Campaign> byIds(List<Long> ids) {
        return campaigns.byIds(ids);
    }

    public List<Campaign> all(int limit, int offset) {
        return campaigns.all(limit, offset);
    }

    @Transactional(readOnly = true)
    public List<Campaign> search(String query, int limit) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        return campaigns.search(query.strip(), limit);
    }

    private void validate(CampaignDraft draft, long owner, Campaign current) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String slug = draft.slug();
        problems.check(!slug.isEmpty(), "slug", "Choose the address of your page.");
        if (!problems.has("slug")) {
            problems.check(slug.length() >= 3 && slug.length() <= 40, "slug", "Use 3 to 40 characters.");
            problems.check(
                    slug.matches("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"),
                    "slug",
                    "Use lower-case letters, digits and hyphens, starting and ending with a letter or digit.");
        }
        problems.check(!RESERVED_SLUGS.contains(slug), "slug", "“" + slug + "” is reserved. Choose another address.");
        if (!problems.has("slug") && campaigns.slugTaken(slug, owner)) {
            problems.add("slug", "This address is taken. Choose another.");
        }
        problems.check(!draft.name().isEmpty(), "name", "Enter the name of your page.");
        problems.check(draft.name().length() <= 80, "name", "Use at most 80 characters.");
        problems.check(draft.oneLiner().length() <= 140, "oneLiner", "Use at most 140 characters.");
        problems.check(draft.summary().length() <= 20000, "summary", "Use at most 20,000 characters.");
        problems.check(draft.creationNoun().length() <= 30, "creationNoun", "Use at most 30 characters.");
        problems.check(
                draft.introVideoUrl() == null || VideoEmbed.isWebLink(draft.introVideoUrl()),
                "introVideoUrl",
                "Enter a web address starting with https://.");
        problems.check(
                draft.annualDiscountPercent() >= 0 && draft.annualDiscountPercent() <= 50,
                "annualDiscountPercent",
                "Use a discount from 0 to 50 percent.");
        if (!isCurrency(draft.currency())) {
            problems.add("currency", "Use a three-letter ISO 4217 currency code such as USD, EUR or JPY.");
        } else if (current != null
                && !current.currency().getCurrencyCode().equals(draft.currency())
                && current.published()) {
            problems.add("currency", "The currency of a published page can’t change: patrons pledged in it.");
        }
        problems.throwIfAny();
    }

    private static boolean isCurrency(String code) {
        try {
            return code.matches("[A-Z]{3}") && Currency.getInstance(code).getDefaultFractionDigits() >= 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    Instant now() {
        return clock.instant();
    }
}
