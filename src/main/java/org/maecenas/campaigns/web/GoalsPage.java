package org.maecenas.campaigns.web;

import java.util.List;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Goal;
import org.maecenas.web.FormErrors;

public record GoalsPage(
        Campaign campaign, List<Goal> goals, String kind, String target, String description, FormErrors errors) {

    public String targetLabel(Goal goal) {
        return goal.kind() == Goal.Kind.PATRONS
                ? goal.target() + " patrons"
                : campaign.money(goal.target()).display() + " per month";
    }
}
