package org.maecenas.posts;

import org.jspecify.annotations.Nullable;
import org.maecenas.accounts.AccountUser;
import org.maecenas.accounts.UserId;

/** Who is reading: a signed-in person (maybe an admin), a private feed's member, or nobody. */
public record Reader(@Nullable UserId user, boolean admin) {

    public static final Reader ANONYMOUS = new Reader(null, false);

    public static Reader of(@Nullable AccountUser principal) {
        return principal == null ? ANONYMOUS : new Reader(principal.userId(), principal.isAdmin());
    }

    public static Reader member(UserId user) {
        return new Reader(user, false);
    }

    public boolean signedIn() {
        return user != null;
    }

    public long id() {
        return user == null ? -1 : user.value();
    }
}
