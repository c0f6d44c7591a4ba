package org.maecenas.accounts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.maecenas.accounts.AccountUser;
import org.maecenas.accounts.Role;
import org.maecenas.accounts.User;
import org.maecenas.accounts.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users, their roles and password hashes. */
@Repository
public class UserRepository {

    private static final String SELECT = """
            select u.id, u.email, u.email_verified_at, u.display_name, u.password_hash, u.created_at,
                   coalesce(array_agg(r.role) filter (where r.role is not null), '{}') as roles
              from users u left join user_roles r on r.user_id = u.id
            """;

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a user; a duplicate email (any case) fails with DuplicateKeyException. */
    public UserId insert(
            String email, String displayName, String passwordHash, Set<Role> roles, Instant now, boolean verified) {
        long id = jdbc.sql("""
                insert into users (email, email_verified_at, display_name, password_hash, created_at, updated_at)
                values (:email, :verified, :name, :hash, :now, :now) returning id
                """)
                .param("email", email)
                .param("verified", verified ? Timestamp.from(now) : null)
                .param("name", displayName)
                .param("hash", passwordHash)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
        for (Role role : roles) {
            addRole(new UserId(id), role);
        }
        return new UserId(id);
    }

    public void addRole(UserId id, Role role) {
        jdbc.sql("insert into user_roles (user_id, role) values (:id, :role) on conflict do nothing")
                .param("id", id.value())
                .param("role", role.name())
                .update();
    }

    public Optional<User> find(UserId id) {
        return jdbc.sql(SELECT + " where u.id = :id group by u.id")
                .param("id", id.value())
                .query(UserRepository::user)
                .optional();
    }

    /** Several users at once, in id order (missing ones are left out). */
    public java.util.List<User> findAll(java.util.Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return java.util.List.of();
        }
        return jdbc.sql(SELECT + " where u.id = any(:ids) group by u.id order by u.id")
                .param("ids", ids.stream().map(UserId::value).toArray(Long[]::new))
                .query(UserRepository::user)
                .list();
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql(SELECT + " where lower(u.email) = lower(:email) group by u.id")
                .param("email", email)
                .query(UserRepository::user)
                .optional();
    }

    public java.util.Map<UserId, String> displayNames(java.util.Collection<UserId> ids) {
        java.util.Map<UserId, String> names = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbc.sql("select id, display_name from users where id = any(:ids)")
                .param("ids", ids.stream().map(UserId::value).toArray(Long[]::new))
                .query((rs, n) -> names.put(new UserId(rs.getLong(1)), rs.getString(2)))
                .list();
        return names;
    }

    /** Addresses of the accounts among {@code ids} that confirmed theirs. */
    public java.util.Map<UserId, String> verifiedEmails(java.util.Collection<UserId> ids) {
        java.util.Map<UserId, String> emails = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return emails;
        }
        jdbc.sql("select id, email from users where id = any(:ids) and email_verified_at is not null")
                .param("ids", ids.stream().map(UserId::value).toArray(Long[]::new))
                .query((rs, n) -> emails.put(new UserId(rs.getLong(1)), rs.getString(2)))
                .list();
        return emails;
    }

    public boolean emailInUse(String email) {
        return jdbc.sql("select exists (select 1 from users where lower(email) = lower(:email))")
                .param("email", email)
                .query(Boolean.class)
                .single();
    }

    /** The principal for sign-in, with its password hash. */
    public Optional<AccountUser> principalByEmail(String email) {
        return jdbc.sql(SELECT + " where lower(u.email) = lower(:email) group by u.id")
                .param("email", email)
                .query((rs, n) -> {
                    User user = user(rs, n);
                    return new AccountUser(
                            user.id().value(),
                            user.email(),
                            user.displayName(),
                            user.roles(),
                            rs.getString("password_hash"));
                })
                .optional();
    }

    public Optional<String> passwordHash(UserId id) {
        return jdbc.sql("select password_hash from users where id = :id")
                .param("id", id.value())
                .query(String.class)
                .optional();
    }

    public void updateDisplayName(UserId id, String displayName, Instant now) {
        jdbc.sql("update users set display_name = :name, updated_at = :now where id = :id")
                .param("name", displayName)
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }

    public void updatePassword(UserId id, String passwordHash, Instant now) {
        jdbc.sql("update users set password_hash = :hash, updated_at = :now where id = :id")
                .param("hash", passwordHash)
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }

    /** Sets a verified email; a duplicate fails with DuplicateKeyException. */
    public void updateEmail(UserId id, String email, Instant now) {
        jdbc.sql("update users set email = :email, email_verified_at = :now, updated_at = :now where id = :id")
                .param("email", email)
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }

    public void markVerified(UserId id, Instant now) {
        jdbc.sql("update users set email_verified_at = coalesce(email_verified_at, :now) where id = :id")
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }

    private static User user(ResultSet rs, int row) throws SQLException {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : (String[]) rs.getArray("roles").getArray()) {
            roles.add(Role.valueOf(role));
        }
        return new User(
                new UserId(rs.getLong("id")),
                rs.getString("email"),
                rs.getTimestamp("email_verified_at") != null,
                rs.getString("display_name"),
                roles,
                rs.getTimestamp("created_at").toInstant());
    }
}
