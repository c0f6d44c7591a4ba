package org.maecenas.posts;

public record PostId(long value) {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
