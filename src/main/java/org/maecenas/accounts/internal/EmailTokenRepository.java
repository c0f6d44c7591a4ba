package org.maecenas.accounts.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.maecenas.accounts.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Single-use tokens sent by email. The token itself goes only into the mail; the database keeps
 * its SHA-256, so a leaked database does not leak working links.
 */
@Repository
public class EmailTokenRepository {

    public enum Purpose {
        PASSWORD_RESET,
        VERIFY_EMAIL
    }

    /** A stored token, found by the hash of what the link carried. */
    public record StoredToken(
            long id,
            UserId userId,
            Purpose purpose,
            String email,
            Instant expiresAt,
            @Nullable Instant usedAt) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    EmailTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates a token and returns its secret value (for the link). */
    public String issue(UserId userId, Purpose purpose, String email, Instant now, Instant expiresAt) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("""
                insert into email_tokens (user_id, purpose, token_hash, email, created_at, expires_at)
                values (:user, :purpose, :hash, :email, :now, :expires)
                """)
                .param("user", userId.value())
                .param("purpose", purpose.name())
                .param("hash", hash(token))
                .param("email", email)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expiresAt))
                .update();
        return token;
    }

    public Optional<StoredToken> find(String token, Purpose purpose) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select id, user_id, purpose, email, expires_at, used_at from email_tokens
                 where token_hash = :hash and purpose = :purpose
                """)
                .param("hash", hash(token))
                .param("purpose", purpose.name())
                .query((rs, n) -> new StoredToken(
                        rs.getLong("id"),
                        new UserId(rs.getLong("user_id")),
                        Purpose.valueOf(rs.getString("purpose")),
                        rs.getString("email"),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("used_at") == null
                                ? null
                                : rs.getTimestamp("used_at").toInstant()))
                .optional();
    }

    /** Marks a token used; false when another request used it first. */
    public boolean use(long id, Instant now) {
        return jdbc.sql("update email_tokens set used_at = :now where id = :id and used_at is null")
                        .param("now", Timestamp.from(now))
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Retires every open token of a purpose for a user (a newer link replaces older ones). */
    public void retireOpen(UserId userId, Purpose purpose, Instant now) {
        jdbc.sql("""
                update email_tokens set used_at = :now
                 where user_id = :user and purpose = :purpose and used_at is null
                """)
                .param("now", Timestamp.from(now))
                .param("user", userId.value())
                .param("purpose", purpose.name())
                .update();
    }

    public int issuedSince(UserId userId, Purpose purpose, Instant since) {
        return jdbc.sql("""
                select count(*) from email_tokens
                 where user_id = :user and purpose = :purpose and created_at > :since
                """)
                .param("user", userId.value())
                .param("purpose", purpose.name())
                .param("since", Timestamp.from(since))
                .query(Integer.class)
                .single();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
