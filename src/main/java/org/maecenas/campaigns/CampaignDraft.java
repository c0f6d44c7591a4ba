package org.maecenas.campaigns;

import org.jspecify.annotations.Nullable;

/** What a creator types into the page settings form (validated by {@link Campaigns}). */
public record CampaignDraft(
        String slug,
        String name,
        String oneLiner,
        String summary,
        @Nullable String introVideoUrl,
        String currency,
        BillingModel billingModel,
        String creationNoun,
        boolean patronCountPublic,
        boolean earningsPublic,
        boolean adult,
        int annualDiscountPercent) {

    public CampaignDraft {
        slug = slug == null ? "" : slug.strip().toLowerCase(java.util.Locale.ROOT);
        name = name == null ? "" : name.strip();
        oneLiner = oneLiner == null ? "" : oneLiner.strip();
        summary = summary == null ? "" : summary.strip();
        introVideoUrl = introVideoUrl == null || introVideoUrl.isBlank() ? null : introVideoUrl.strip();
        currency = currency == null || currency.isBlank()
                ? "USD"
                : currency.strip().toUpperCase(java.util.Locale.ROOT);
        billingModel = billingModel == null ? BillingModel.MONTHLY : billingModel;
        creationNoun = creationNoun == null || creationNoun.isBlank() ? "creation" : creationNoun.strip();
    }

    public static CampaignDraft of(Campaign campaign) {
        return new CampaignDraft(
                campaign.slug(),
                campaign.name(),
                campaign.oneLiner(),
                campaign.summaryMarkdown(),
                campaign.introVideoUrl(),
                campaign.currency().getCurrencyCode(),
                campaign.billingModel(),
                campaign.creationNoun(),
                campaign.patronCountPublic(),
                campaign.earningsPublic(),
                campaign.adult(),
                campaign.annualDiscountPercent());
    }

    public static CampaignDraft empty() {
        return new CampaignDraft("", "", "", "", null, "USD", BillingModel.MONTHLY, "creation", true, false, false, 0);
    }
}
