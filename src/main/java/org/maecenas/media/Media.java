package org.maecenas.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.maecenas.media.internal.MediaInspection;
import org.maecenas.media.internal.MediaRepository;
import org.maecenas.media.internal.MediaStorage;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeping uploads: limits, type from the bytes, images decoded, audio measured, then stored by hash. */
@Service
public class Media {

    private final MediaRepository repository;
    private final MediaStorage storage;
    private final MediaProperties properties;
    private final Clock clock;

    Media(MediaRepository repository, MediaStorage storage, MediaProperties properties, Clock clock) {
        this.repository = repository;
        this.storage = storage;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Checks and keeps an upload. Throws {@link MediaRejected} (nothing kept) when it is too large,
     * of a kind not accepted here, or does not decode.
     */
    @Transactional
    public StoredMedia store(
            long ownerUserId, String originalName, InputStream content, Set<MediaKind> accepted, boolean publicly) {
        long limit = accepted.contains(MediaKind.AUDIO)
                ? properties.maxAudioSize().toBytes()
                : properties.maxImageSize().toBytes();
        Path temp = null;
        try {
            temp = Files.createTempFile("maecenas-upload-", ".tmp");
            String sha256 = copyLimited(content, temp, limit);
            long size = Files.size(temp);
            if (size == 0) {
                throw new MediaRejected("empty", "The file is empty.");
            }
            MediaInspection.Result inspected = MediaInspection.inspect(temp, accepted, properties);
            if (inspected.kind() == MediaKind.IMAGE
                    && size > properties.maxImageSize().toBytes()) {
                throw tooLarge(properties.maxImageSize().toBytes());
            }
            StoredMedia media = new StoredMedia(
                    null,
                    ownerUserId,
                    inspected.kind(),
                    inspected.contentType(),
                    size,
                    sha256,
                    inspected.width(),
                    inspected.height(),
                    inspected.durationSeconds(),
                    cleanName(originalName),
                    publicly,
                    clock.instant());
            MediaId id = repository.insert(media);
            storage.put(sha256, inspected.file());
            temp = null;
            return repository.find(id).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep an upload", e);
        } finally {
            MediaInspection.deleteQuietly(temp);
        }
    }

    public Optional<StoredMedia> find(MediaId id) {
        return repository.find(id);
    }

    /** Several files by id (missing ones are left out). */
    public java.util.Map<Long, StoredMedia> findAll(java.util.Collection<Long> ids) {
        return repository.findAll(ids);
    }

    /** The bytes of a file. Callers decide who may read them. */
    public Resource content(StoredMedia media) {
        return storage.get(media.sha256());
    }

    private static String copyLimited(InputStream content, Path target, long limit) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = content;
                OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = in.read(buffer)) != -1) {
                total += read;
                if (total > limit) {
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MediaRejected tooLarge(long limit) {
        return new MediaRejected("too-large", "This file is larger than " + (limit / (1024 * 1024)) + " MB.");
    }

    private static String cleanName(String name) {
        String base = name == null
                ? "upload"
                : Path.of(name.replace('\\', '/')).getFileName().toString();
        base = base.replaceAll("[\\p{Cntrl}]", "").strip();
        return base.isEmpty() ? "upload" : base.substring(0, Math.min(base.length(), 200));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
