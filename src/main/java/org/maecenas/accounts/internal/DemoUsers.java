package org.maecenas.accounts.internal;

import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** With {@code --demo}: one account per role, so a new instance has someone to sign in as. */
@Component
@Order(0)
@ConditionalOnBooleanProperty("maecenas.demo.enabled")
class DemoUsers implements ApplicationRunner {

    static final String PASSWORD = "maecenas-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final Accounts accounts;

    DemoUsers(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        create("admin@demo.maecenas.test", "Ada Admin", Role.ADMIN);
        create("creator@demo.maecenas.test", "Cleo Creator", Role.CREATOR);
        create("patron@demo.maecenas.test", "Pat Patron");
        log.info("Demo accounts ready: admin@, creator@ and patron@demo.maecenas.test, password '{}'", PASSWORD);
    }

    private void create(String email, String name, Role... roles) {
        if (accounts.findByEmail(email).isEmpty()) {
            accounts.createVerified(email, name, PASSWORD, roles);
        }
    }
}
