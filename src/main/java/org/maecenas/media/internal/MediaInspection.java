package org.maecenas.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.maecenas.media.MediaKind;
import org.maecenas.media.MediaProperties;
import org.maecenas.media.MediaRejected;

/** What a file really is, checked from its bytes, and whether it is accepted here. */
public final class MediaInspection {

    /** A checked file, renamed to its type's extension. */
    public record Result(
            MediaKind kind,
            String contentType,
            Path file,
            @Nullable Integer width,
            @Nullable Integer height,
            @Nullable Integer durationSeconds) {}

    private MediaInspection() {}

    public static Result inspect(Path file, Set<MediaKind> accepted, MediaProperties properties) throws IOException {
        byte[] head = new byte[64];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, head.length);
        }
        String contentType = ContentSniffer.contentType(head, length).orElseThrow(() -> unsupported(accepted));
        MediaKind kind = contentType.startsWith("image/") ? MediaKind.IMAGE : MediaKind.AUDIO;
        if (!accepted.contains(kind)) {
            throw unsupported(accepted);
        }
        if (kind == MediaKind.IMAGE) {
            ImageInspector.Dimensions size = ImageInspector.inspect(file, properties.maxImagePixels());
            return new Result(kind, contentType, file, size.width(), size.height(), null);
        }
        Path named = file.resolveSibling(file.getFileName() + "." + extension(contentType));
        Files.move(file, named);
        try {
            int seconds = AudioInspector.durationSeconds(named);
            return new Result(kind, contentType, named, null, null, seconds);
        } catch (RuntimeException e) {
            deleteQuietly(named);
            throw e;
        }
    }

    public static void deleteQuietly(@Nullable Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its temp directory
            }
        }
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case "audio/mpeg" -> "mp3";
            case "audio/mp4" -> "m4a";
            default -> "ogg";
        };
    }

    private static MediaRejected unsupported(Set<MediaKind> accepted) {
        String allowed = accepted.contains(MediaKind.AUDIO) && accepted.contains(MediaKind.IMAGE)
                ? "a JPEG, PNG or GIF image, or an MP3, M4A or Ogg audio file"
                : accepted.contains(MediaKind.AUDIO) ? "an MP3, M4A or Ogg audio file" : "a JPEG, PNG or GIF image";
        return new MediaRejected("unsupported-type", "This kind of file isn’t accepted here. Upload " + allowed + ".");
    }
}
