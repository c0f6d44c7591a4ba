package org.maecenas.campaigns.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.CampaignDraft;
import org.maecenas.web.FormErrors;

/** The page settings form (or the create form when {@code campaign} is null). */
public record CampaignFormPage(@Nullable Campaign campaign, CampaignDraft draft, FormErrors errors) {

    public List<BillingModel> billingModels() {
        return List.of(BillingModel.values());
    }

    public List<org.maecenas.campaigns.PostMail> postMailChoices() {
        return List.of(org.maecenas.campaigns.PostMail.values());
    }

    public List<String> currencies() {
        return List.of("USD", "EUR", "GBP", "CAD", "AUD", "CHF", "SEK", "NOK", "DKK", "JPY", "NZD", "BRL", "MXN");
    }
}
