package org.maecenas.media;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A kept file and what we know of it.
 *
 * @param publicly whether anyone may fetch it by its public URL (avatars, banners)
 * @param durationSeconds audio length, null for images
 */
public record StoredMedia(
        MediaId id,
        long ownerUserId,
        MediaKind kind,
        String contentType,
        long sizeBytes,
        String sha256,
        @Nullable Integer width,
        @Nullable Integer height,
        @Nullable Integer durationSeconds,
        String originalName,
        boolean publicly,
        Instant createdAt) {

    /** The cacheable public address (changes whenever the content does); only for public media. */
    public String publicUrl() {
        return publicUrl(id.value(), sha256, contentType);
    }

    /** The public address of media known by id, hash and type (for queries that join media). */
    public static String publicUrl(long id, String sha256, String contentType) {
        return "/media/" + id + "/" + sha256.substring(0, 16) + "." + extension(contentType);
    }

    public String extension() {
        return extension(contentType);
    }

    static String extension(String contentType) {
        return switch (contentType) {
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            case "image/gif" -> "gif";
            case "audio/mpeg" -> "mp3";
            case "audio/mp4" -> "m4a";
            case "audio/ogg" -> "ogg";
            default -> "bin";
        };
    }
}
