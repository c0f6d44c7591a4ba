package org.maecenas.accounts;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.maecenas.web.Viewer;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in principal, kept in the session (serialised into PostgreSQL by Spring Session).
 * The password hash is erased once authentication succeeds.
 */
public final class AccountUser implements UserDetails, CredentialsContainer, Viewer, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String email;
    private final String displayName;
    private final EnumSet<Role> roles;
    private @Nullable String passwordHash;

    public AccountUser(long id, String email, String displayName, Set<Role> roles, @Nullable String passwordHash) {
        this.id = id;
        this.email = email;
        this.displayName = displayName;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        this.passwordHash = passwordHash;
    }

    public static AccountUser of(User user) {
        return new AccountUser(user.id().value(), user.email(), user.displayName(), user.roles(), null);
    }

    @Override
    public long id() {
        return id;
    }

    public UserId userId() {
        return new UserId(id);
    }

    public String email() {
        return email;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    public Set<Role> roles() {
        return EnumSet.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    @Override
    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    @Override
    public boolean isCreator() {
        return roles.contains(Role.CREATOR);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream()
                .map(r -> new SimpleGrantedAuthority(r.authority()))
                .toList();
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountUser that && that.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "AccountUser[" + id + "]";
    }
}
