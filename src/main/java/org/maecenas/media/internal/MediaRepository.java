package org.maecenas.media.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.maecenas.media.MediaId;
import org.maecenas.media.MediaKind;
import org.maecenas.media.StoredMedia;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MediaRepository {

    private static final String COLUMNS = """
            id, owner_user_id, kind, content_type, size_bytes, sha256, width, height, duration_seconds,
            original_name, publicly, created_at""";

    private final JdbcClient jdbc;

    MediaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public MediaId insert(StoredMedia media) {
        long id = jdbc.sql("""
                        insert into media (owner_user_id, kind, content_type, size_bytes, sha256, width, height,
                               duration_seconds, original_name, publicly, created_at)
                        values (:owner, :kind, :type, :size, :sha, :width, :height, :duration, :name, :publicly, :at)
                        returning id
                        """)
                .param("owner", media.ownerUserId())
                .param("kind", media.kind().name())
                .param("type", media.contentType())
                .param("size", media.sizeBytes())
                .param("sha", media.sha256())
                .param("width", media.width())
                .param("height", media.height())
                .param("duration", media.durationSeconds())
                .param("name", media.originalName())
                .param("publicly", media.publicly())
                .param("at", Timestamp.from(media.createdAt()))
                .query(Long.class)
                .single();
        return new MediaId(id);
    }

    public Optional<StoredMedia> find(MediaId id) {
        return jdbc.sql("select " + COLUMNS + " from media where id = :id")
                .param("id", id.value())
                .query(MediaRepository::media)
                .optional();
    }

    public java.util.Map<Long, StoredMedia> findAll(java.util.Collection<Long> ids) {
        java.util.Map<Long, StoredMedia> found = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("select " + COLUMNS + " from media where id = any(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(MediaRepository::media)
                .list()
                .forEach(m -> found.put(m.id().value(), m));
        return found;
    }

    static StoredMedia media(ResultSet rs, int row) throws SQLException {
        return new StoredMedia(
                new MediaId(rs.getLong("id")),
                rs.getLong("owner_user_id"),
                MediaKind.valueOf(rs.getString("kind")),
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                (Integer) rs.getObject("width"),
                (Integer) rs.getObject("height"),
                (Integer) rs.getObject("duration_seconds"),
                rs.getString("original_name"),
                rs.getBoolean("publicly"),
                rs.getTimestamp("created_at").toInstant());
    }
}
