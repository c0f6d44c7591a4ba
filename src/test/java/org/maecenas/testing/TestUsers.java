package org.maecenas.testing;

import java.util.concurrent.atomic.AtomicLong;
import org.maecenas.accounts.AccountUser;
import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.Role;
import org.maecenas.accounts.User;
import org.springframework.stereotype.Component;

/** Creates users with unique emails (the database is shared across test classes). */
@Component
public class TestUsers {

    public static final String PASSWORD = "correct horse battery";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final Accounts accounts;

    TestUsers(Accounts accounts) {
        this.accounts = accounts;
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "@example.test";
    }

    public User create(String prefix, Role... roles) {
        return accounts.createVerified(uniqueEmail(prefix), "Test " + prefix, PASSWORD, roles);
    }

    /** The account as it is now (roles granted since creation included). */
    public User find(org.maecenas.accounts.UserId id) {
        return accounts.require(id);
    }

    public User patron() {
        return create("patron");
    }

    public User creator() {
        return create("creator", Role.CREATOR);
    }

    public User admin() {
        return create("admin", Role.ADMIN);
    }

    public static AccountUser principal(User user) {
        return AccountUser.of(user);
    }
}
