package org.maecenas.campaigns.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Tier;
import org.maecenas.web.FormErrors;

/** The tiers list with the add form, or the edit form for {@code editing}. */
public record TiersPage(
        Campaign campaign,
        List<Tier> tiers,
        TiersController.TierForm form,
        @Nullable Tier editing,
        FormErrors errors) {

    public String formTitle() {
        return form.title();
    }

    public String formDescription() {
        return form.description();
    }

    public String formAmount() {
        return form.amount();
    }

    public String formPatronLimit() {
        return form.patronLimit() == null ? "" : form.patronLimit();
    }

    public String formBenefits() {
        return form.benefits() == null ? "" : form.benefits();
    }

    public String formWelcomeNote() {
        return form.welcomeNote() == null ? "" : form.welcomeNote();
    }

    public boolean formPublished() {
        return Boolean.TRUE.equals(form.published());
    }
}
