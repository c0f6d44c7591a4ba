package org.maecenas.campaigns;

public record TierId(long value) {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
