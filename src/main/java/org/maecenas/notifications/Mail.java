package org.maecenas.notifications;

import org.jspecify.annotations.Nullable;

/**
 * A message to one person: plain text, and optionally the same as HTML.
 *
 * @param html the HTML alternative of {@code text}, or null for a text-only mail
 * @param messageId a stable Message-ID, so a mail sent twice after an interruption is one mail to clients
 * @param unsubscribeUrl for mail that is not transactional: a one-click unsubscribe (RFC 8058)
 */
public record Mail(
        String to,
        String subject,
        String text,
        @Nullable String html,
        @Nullable String messageId,
        @Nullable String unsubscribeUrl) {

    public Mail(String to, String subject, String text) {
        this(to, subject, text, null, null, null);
    }
}
