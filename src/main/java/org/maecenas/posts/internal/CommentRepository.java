package org.maecenas.posts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.maecenas.posts.Comment;
import org.maecenas.posts.PostId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CommentRepository {

    private static final String SELECT = """
            select c.id, c.post_id, c.author_user_id, c.parent_id, c.body, c.created_at, c.edited_at, c.deleted_at
              from comments c
            """;

    private final JdbcClient jdbc;

    CommentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(PostId post, long author, Long parent, String body, Instant now) {
        return jdbc.sql("""
                        with added as (
                            insert into comments (post_id, author_user_id, parent_id, body, created_at)
                            values (:post, :author, :parent, :body, :now) returning id, post_id),
                        counted as (
                            update posts set comment_count = comment_count + 1
                             where id = (select post_id from added))
                        select id from added
                        """)
                .param("post", post.value())
                .param("author", author)
                .param("parent", parent)
                .param("body", body)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    public int edit(long id, long author, String body, Instant now) {
        return jdbc.sql("""
                        update comments set body = :body, edited_at = :now
                         where id = :id and author_user_id = :author and deleted_at is null
                        """)
                .param("body", body)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("author", author)
                .update();
    }

    /** Soft delete: the text goes, the place stays, so replies keep their context. */
    public int delete(long id, PostId post, Instant now) {
        return jdbc.sql("""
                        with removed as (
                            update comments set deleted_at = :now, body = '[deleted]'
                             where id = :id and post_id = :post and deleted_at is null returning post_id),
                        counted as (
                            update posts set comment_count = comment_count - 1
                             where id = (select post_id from removed))
                        select count(*) from removed
                        """)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("post", post.value())
                .query(Integer.class)
                .single();
    }

    public Optional<Comment> find(long id) {
        return jdbc.sql(SELECT + " where c.id = :id")
                .param("id", id)
                .query(CommentRepository::comment)
                .optional();
    }

    /** One page of top-level comments with all their replies (oldest reply first). */
    public List<Comment> page(PostId post, boolean newestFirst, int limit, int offset) {
        List<Comment> top = jdbc.sql(SELECT + " where c.post_id = :post and c.parent_id is null order by c.created_at "
                        + (newestFirst ? "desc, c.id desc" : "asc, c.id asc") + " limit :limit offset :offset")
                .param("post", post.value())
                .param("limit", limit)
                .param("offset", offset)
                .query(CommentRepository::comment)
                .list();
        if (top.isEmpty()) {
            return top;
        }
        Map<Long, List<Comment>> replies = new HashMap<>();
        jdbc.sql(SELECT + " where c.parent_id = any(:parents) order by c.created_at, c.id")
                .param("parents", top.stream().map(Comment::id).toArray(Long[]::new))
                .query(CommentRepository::comment)
                .list()
                .forEach(r -> replies.computeIfAbsent(r.parentId(), k -> new ArrayList<>())
                        .add(r));
        return top.stream()
                .map(c -> new Comment(
                        c.id(),
                        c.postId(),
                        c.authorId(),
                        c.authorName(),
                        c.parentId(),
                        c.body(),
                        c.createdAt(),
                        c.editedAt(),
                        c.deleted(),
                        List.copyOf(replies.getOrDefault(c.id(), List.of()))))
                .toList();
    }

    public long countTopLevel(PostId post) {
        return jdbc.sql("select count(*) from comments where post_id = :post and parent_id is null")
                .param("post", post.value())
                .query(Long.class)
                .single();
    }

    /** Live comments of a post, from the count kept with every write. */
    public long count(PostId post) {
        return jdbc.sql("select comment_count from posts where id = :post")
                .param("post", post.value())
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    static Comment comment(ResultSet rs, int row) throws SQLException {
        Timestamp edited = rs.getTimestamp("edited_at");
        boolean deleted = rs.getTimestamp("deleted_at") != null;
        return new Comment(
                rs.getLong("id"),
                new PostId(rs.getLong("post_id")),
                rs.getLong("author_user_id"),
                "",
                (Long) rs.getObject("parent_id"),
                deleted ? null : rs.getString("body"),
                rs.getTimestamp("created_at").toInstant(),
                edited == null ? null : edited.toInstant(),
                deleted,
                List.of());
    }
}
