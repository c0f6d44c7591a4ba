package org.maecenas.media;

public enum MediaKind {
    IMAGE,
    AUDIO
}
