package org.maecenas.accounts.web;

import org.maecenas.accounts.User;
import org.maecenas.web.FormErrors;

/**
 * @param email the current address
 * @param newEmail what was typed into the change-email form (kept on error)
 */
public record AccountSettingsPage(
        String displayName, String email, boolean emailVerified, String newEmail, FormErrors errors) {

    static AccountSettingsPage of(User user, String newEmail, FormErrors errors) {
        return new AccountSettingsPage(user.displayName(), user.email(), user.emailVerified(), newEmail, errors);
    }

    AccountSettingsPage withDisplayName(String typed) {
        return new AccountSettingsPage(typed, email, emailVerified, newEmail, errors);
    }
}
