package org.maecenas.notifications.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param from the sender address of every mail */
@ConfigurationProperties("maecenas.mail")
record MailProperties(
        @DefaultValue("Maecenas <no-reply@maecenas.localhost>")
        String from) {}
