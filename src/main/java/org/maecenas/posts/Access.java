package org.maecenas.posts;

/** Who may see a post. */
public enum Access {
    PUBLIC("Everyone"),
    MEMBERS("All members, free ones too"),
    PATRONS("Paying patrons"),
    TIER("Patrons of a tier and above");

    private final String label;

    Access(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
