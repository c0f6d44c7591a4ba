package org.maecenas.campaigns;

/** What members get by mail when the creator publishes a post they may see. */
public enum PostMail {
    FULL("The whole post"),
    PREVIEW("The title, the first lines and a link to the post"),
    OFF("No mail");

    private final String label;

    PostMail(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
