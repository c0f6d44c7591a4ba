package org.maecenas.campaigns;

import java.time.Instant;
import java.util.Currency;
import org.jspecify.annotations.Nullable;
import org.maecenas.media.MediaId;
import org.maecenas.money.Money;
import org.maecenas.web.VideoEmbed;

/**
 * A creator's page.
 *
 * @param postMail what members get by mail when a post is published
 */
public record Campaign(
        CampaignId id,
        long ownerUserId,
        String slug,
        String name,
        String oneLiner,
        String summaryMarkdown,
        String summaryHtml,
        @Nullable MediaId avatar,
        @Nullable String avatarUrl,
        @Nullable MediaId banner,
        @Nullable String bannerUrl,
        @Nullable String introVideoUrl,
        Currency currency,
        BillingModel billingModel,
        String creationNoun,
        boolean patronCountPublic,
        boolean earningsPublic,
        boolean adult,
        boolean published,
        boolean featured,
        int annualDiscountPercent,
        int paidPostsPerMonth,
        Instant createdAt,
        @Nullable Instant publishedAt,
        PostMail postMail) {

    public String url() {
        return "/" + slug;
    }

    public boolean ownedBy(long userId) {
        return ownerUserId == userId;
    }

    public @Nullable VideoEmbed introVideo() {
        return VideoEmbed.of(introVideoUrl).orElse(null);
    }

    public Money money(long minor) {
        return new Money(minor, currency);
    }
}
