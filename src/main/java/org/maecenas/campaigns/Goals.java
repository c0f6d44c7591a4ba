package org.maecenas.campaigns;

import java.time.Clock;
import java.util.List;
import org.maecenas.accounts.UserId;
import org.maecenas.campaigns.CampaignProblems.GoalNotFound;
import org.maecenas.campaigns.internal.GoalRepository;
import org.maecenas.web.InvalidInput;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a creator works toward, shown with a progress bar. */
@Service
public class Goals {

    private final GoalRepository goals;
    private final Campaigns campaigns;
    private final Clock clock;

    Goals(GoalRepository goals, Campaigns campaigns, Clock clock) {
        this.goals = goals;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @Transactional
    public void add(UserId owner, Goal.Kind kind, long target, String description) {
        Campaign campaign = campaigns.mine(owner);
        String text = description == null ? "" : description.strip();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        problems.check(kind != null, "kind", "Choose what the goal counts.");
        problems.check(target > 0, "target", "The target must be more than zero.");
        problems.check(!text.isEmpty(), "description", "Say what reaching the goal will make possible.");
        problems.check(text.length() <= 500, "description", "Use at most 500 characters.");
        problems.throwIfAny();
        goals.insert(campaign.id(), kind, target, text, clock.instant());
    }

    @Transactional
    public void delete(UserId owner, long goal) {
        if (goals.delete(campaigns.mine(owner).id(), goal) == 0) {
            throw new GoalNotFound();
        }
    }

    public List<Goal> of(CampaignId campaign) {
        return goals.list(campaign);
    }
}
