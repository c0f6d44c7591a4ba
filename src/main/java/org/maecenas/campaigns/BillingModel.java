package org.maecenas.campaigns;

/** How a campaign's patrons pay: for each paid creation (capped per month), or per month. */
public enum BillingModel {
    PER_CREATION("Per creation"),
    MONTHLY("Monthly");

    private final String label;

    BillingModel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
