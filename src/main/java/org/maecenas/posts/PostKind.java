package org.maecenas.posts;

public enum PostKind {
    TEXT("Text"),
    IMAGES("Images"),
    AUDIO("Audio"),
    VIDEO("Video"),
    LINK("Link");

    private final String label;

    PostKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
