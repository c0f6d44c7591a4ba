package org.maecenas.notifications.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param from the sender address of every mail
 * @param unsubscribeSecret signs unsubscribe links ({@code MAECENAS_MAIL_UNSUBSCRIBE_SECRET}); when
 *     unset, a secret is generated once and kept in the database, shared by every node
 * @param postMailChunk how many members a post's mail is queued for in one transaction
 * @param postMailDelay how long after publishing a post's mail starts going out, so that a post
 *     taken back at once (a typo, the wrong tier) is mailed to no one; zero sends it straight away
 * @param sendSoon whether mail queued here is sent from here right after it is queued (else only by
 *     the scheduled drain, on whichever node runs it): off in one-off commands such as {@code
 *     billing run}, which leave background work to the servers
 */
@ConfigurationProperties("maecenas.mail")
record MailProperties(
        @DefaultValue("Maecenas <no-reply@maecenas.localhost>")
        String from,

        @Nullable String unsubscribeSecret,

        @DefaultValue("500") int postMailChunk,

        @DefaultValue("2m") Duration postMailDelay,

        @DefaultValue("true") boolean sendSoon) {}
