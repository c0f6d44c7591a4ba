package org.maecenas.accounts;

public record UserId(long value) {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
