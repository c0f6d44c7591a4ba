package org.maecenas.notifications.web;

import org.jspecify.annotations.Nullable;

/**
 * The page an unsubscribe link opens: what it would stop, or what it stopped.
 *
 * @param subscribed whether this member still gets this creator's post mail
 * @param allOff whether this member gets no post mail at all
 * @param done what was just done ({@code creator}, {@code all}, {@code resubscribed}), or null
 */
public record UnsubscribePage(
        String token,
        String campaignName,
        String campaignUrl,
        boolean subscribed,
        boolean allOff,
        @Nullable String done) {

    public String action() {
        return "/mail/unsubscribe/" + token;
    }
}
