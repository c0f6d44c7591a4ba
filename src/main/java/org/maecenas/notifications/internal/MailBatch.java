package org.maecenas.notifications.internal;

import java.util.List;
import org.maecenas.notifications.Mail;

/**
 * Mails queued as one outbox row, written when the drain sends them: for facts that happen to
 * hundreds of people at once (a billing day's chunk), where a row per mail would cost the fact's
 * transaction an insert per person and the drain two updates per mail.
 */
interface MailBatch {

    /** The kind of row this writes (the row's {@code batch_kind}). */
    String kind();

    /** The row's mails, always in the same order for the same payload, each under its own key. */
    List<KeyedMail> mails(String payload);

    /** A mail of a batch and the key that names it (its Message-ID is made from it). */
    record KeyedMail(String key, Mail mail) {}
}
