package org.maecenas.campaigns;

/** What the creator works toward: an amount per month or a number of patrons. */
public record Goal(long id, CampaignId campaignId, Kind kind, long target, String description, int position) {

    public enum Kind {
        AMOUNT,
        PATRONS
    }

    /** Progress in percent (0–100) given the current monthly amount (minor units) or patron count. */
    public int percent(long current) {
        if (target <= 0) {
            return 0;
        }
        return (int) Math.min(100, Math.max(0, current * 100 / target));
    }
}
