package org.maecenas.media;

/** An upload we won't keep, with a stable code and a message for the person who sent it. */
public final class MediaRejected extends RuntimeException {

    private final String code;

    public MediaRejected(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
