package org.maecenas.notifications.internal;

import org.jspecify.annotations.Nullable;

/**
 * What the HTML of a new-post mail shows (template {@code notifications/postMail.jte}).
 *
 * @param bodyHtml the post cleaned for mail (full text), or null for a preview
 * @param preview the first lines as plain text (preview), or null for the full text
 * @param link what a link or video post points at, or null
 * @param unsubscribeUrl the recipient's own link: the outbox's placeholder, filled in when sent
 */
public record PostMailView(
        String siteName,
        String campaignName,
        String campaignUrl,
        String creationNoun,
        String title,
        String postUrl,
        @Nullable String bodyHtml,
        @Nullable String preview,
        @Nullable String link,
        String unsubscribeUrl,
        String preferencesUrl) {}
