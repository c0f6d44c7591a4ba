package org.maecenas.media;

public record MediaId(long value) {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
