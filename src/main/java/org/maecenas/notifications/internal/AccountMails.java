package org.maecenas.notifications.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.maecenas.accounts.AccountEvents.EmailVerificationRequested;
import org.maecenas.accounts.AccountEvents.PasswordChanged;
import org.maecenas.accounts.AccountEvents.PasswordResetRequested;
import org.maecenas.notifications.Mail;
import org.maecenas.notifications.Outbox;
import org.maecenas.web.SiteProperties;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Mail about accounts. Each listener runs after the announcing transaction commits and is
 * recorded in the event publication registry, so a failed send is retried rather than lost.
 */
@Component
class AccountMails {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Outbox outbox;
    private final SiteProperties site;

    AccountMails(Outbox outbox, SiteProperties site) {
        this.outbox = outbox;
        this.site = site;
    }

    @ApplicationModuleListener
    void on(PasswordResetRequested event) {
        outbox.enqueue(
                "reset:" + event.link().hashCode() + ":" + event.expiresAt().toEpochMilli(),
                new Mail(event.email(), "Reset your " + site.name() + " password", """
                Hello %s,

                Someone (we hope you) asked to reset the password of your %s account.
                Open this link to choose a new one. It works once, until %s:

                %s

                If you didn't ask for this, ignore this mail: your password stays as it is.
                """.formatted(
                                event.displayName(), site.name(), TIME.format(event.expiresAt()), event.link())));
    }

    @ApplicationModuleListener
    void on(EmailVerificationRequested event) {
        String why = event.change()
                ? "You asked to use this address for your " + site.name() + " account."
                : "Welcome to " + site.name() + "! Please confirm that this address is yours.";
        outbox.enqueue(
                "verify:" + event.link().hashCode() + ":" + event.expiresAt().toEpochMilli(),
                new Mail(event.email(), "Confirm your email address for " + site.name(), """
                Hello %s,

                %s
                Open this link to confirm (it works until %s):

                %s

                If this wasn't you, ignore this mail and nothing will change.
                """.formatted(
                                event.displayName(), why, TIME.format(event.expiresAt()), event.link())));
    }

    @ApplicationModuleListener
    void on(PasswordChanged event) {
        outbox.enqueue(
                "password-changed:" + event.userId() + ":" + event.at().toEpochMilli(),
                new Mail(event.email(), "Your " + site.name() + " password was changed", """
                Hello %s,

                The password of your %s account was changed on %s, and every other device was signed out.

                If this wasn't you, reset your password now: %s
                """.formatted(
                        event.displayName(), site.name(), TIME.format(event.at()), site.link("/password-reset"))));
    }
}
