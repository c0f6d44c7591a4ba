package org.maecenas.accounts;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** An account as other modules see it (never with its password hash). */
public record User(
        UserId id, String email, boolean emailVerified, String displayName, Set<Role> roles, Instant createdAt) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public static @Nullable String initials(String displayName) {
        String trimmed = displayName.strip();
        return trimmed.isEmpty() ? null : trimmed.substring(0, trimmed.offsetByCodePoints(0, 1));
    }
}
