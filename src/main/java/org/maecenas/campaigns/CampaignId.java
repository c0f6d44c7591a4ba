package org.maecenas.campaigns;

public record CampaignId(long value) {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
