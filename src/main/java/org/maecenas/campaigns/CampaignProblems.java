package org.maecenas.campaigns;

import org.maecenas.web.DomainProblem;

/** The campaigns module's named failures. */
public final class CampaignProblems {

    private CampaignProblems() {}

    public static final class CampaignNotFound extends DomainProblem.NotFound {
        public CampaignNotFound() {
            super("campaign-not-found", "There is no creator page at this address.");
        }
    }

    public static final class NotYourCampaign extends DomainProblem.Forbidden {
        public NotYourCampaign() {
            super("not-your-campaign", "Only the creator of this page can change it.");
        }
    }

    public static final class AlreadyHasCampaign extends DomainProblem.Conflict {
        public AlreadyHasCampaign() {
            super("already-has-campaign", "You already have a creator page; each account has one.");
        }
    }

    public static final class TierNotFound extends DomainProblem.NotFound {
        public TierNotFound() {
            super("tier-not-found", "There is no such tier on this page.");
        }
    }

    public static final class GoalNotFound extends DomainProblem.NotFound {
        public GoalNotFound() {
            super("goal-not-found", "There is no such goal on this page.");
        }
    }
}
