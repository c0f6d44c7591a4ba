package org.maecenas.notifications;

/** Sends mail. Throws when the message could not be handed over, so the caller's event is retried. */
public interface Mailer {

    void send(Mail mail);
}
