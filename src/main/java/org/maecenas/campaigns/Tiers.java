package org.maecenas.campaigns;

import java.time.Clock;
import java.util.List;
import org.maecenas.accounts.UserId;
import org.maecenas.campaigns.CampaignProblems.TierNotFound;
import org.maecenas.campaigns.internal.TierRepository;
import org.maecenas.money.Money;
import org.maecenas.web.InvalidInput;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A page's tiers: what patrons can choose, at what price, with what benefits. */
@Service
public class Tiers {

    public static final int MAX_BENEFITS = 20;

    private final TierRepository tiers;
    private final Campaigns campaigns;
    private final Clock clock;

    Tiers(TierRepository tiers, Campaigns campaigns, Clock clock) {
        this.tiers = tiers;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @Transactional
    public Tier add(UserId owner, TierDraft draft) {
        Campaign campaign = campaigns.mine(owner);
        validate(campaign, draft);
        TierId id = tiers.insert(campaign.id(), draft, campaign.currency().getCurrencyCode(), clock.instant());
        return tiers.find(campaign.id(), id).orElseThrow();
    }

    @Transactional
    public Tier update(UserId owner, TierId tier, TierDraft draft) {
        Campaign campaign = campaigns.mine(owner);
        require(campaign.id(), tier);
        validate(campaign, draft);
        if (tiers.update(campaign.id(), tier, draft, clock.instant()) == 0) {
            throw new TierNotFound();
        }
        return tiers.find(campaign.id(), tier).orElseThrow();
    }

    @Transactional
    public void delete(UserId owner, TierId tier) {
        Campaign campaign = campaigns.mine(owner);
        require(campaign.id(), tier);
        if (tiers.delete(campaign.id(), tier) == 0) {
            throw new TierNotFound();
        }
    }

    @Transactional
    public void move(UserId owner, TierId tier, int direction) {
        Campaign campaign = campaigns.mine(owner);
        require(campaign.id(), tier);
        tiers.move(campaign.id(), tier, direction < 0 ? -1 : 1);
    }

    public List<Tier> published(CampaignId campaign) {
        return tiers.list(campaign, false);
    }

    public List<Tier> all(CampaignId campaign) {
        return tiers.list(campaign, true);
    }

    /** A tier of this page; another page's tier is refused as not yours (403). */
    public Tier require(CampaignId campaign, TierId tier) {
        Tier found = tiers.findAnywhere(tier).orElseThrow(TierNotFound::new);
        if (!found.campaignId().equals(campaign)) {
            throw new CampaignProblems.NotYourCampaign();
        }
        return found;
    }

    private static void validate(Campaign campaign, TierDraft draft) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        problems.check(!draft.title().isEmpty(), "title", "Give the tier a title.");
        problems.check(draft.title().length() <= 60, "title", "Use at most 60 characters.");
        problems.check(draft.description().length() <= 2000, "description", "Use at most 2,000 characters.");
        long minimum = Money.oneUnit(campaign.currency());
        problems.check(
                draft.amountMinor() >= minimum,
                "amount",
                "A tier costs at least " + new Money(minimum, campaign.currency()).display() + ".");
        problems.check(draft.amountMinor() <= 1_000_000 * minimum, "amount", "That amount is too large.");
        problems.check(
                draft.patronLimit() == null || draft.patronLimit() > 0,
                "patronLimit",
                "A limit must be at least 1, or left empty for no limit.");
        problems.check(draft.benefits().size() <= MAX_BENEFITS, "benefits", "List at most 20 benefits.");
        problems.check(
                draft.benefits().stream().allMatch(b -> b.length() <= 200),
                "benefits",
                "Keep each benefit under 200 characters.");
        problems.check(draft.welcomeNote().length() <= 2000, "welcomeNote", "Use at most 2,000 characters.");
        problems.throwIfAny();
    }
}
