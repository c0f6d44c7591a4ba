package org.maecenas.web;

import org.jspecify.annotations.Nullable;

/**
 * What every page template receives beside its own page record: the site, the viewer, the CSRF
 * token for forms, and one-off notices.
 *
 * @param site operator settings
 * @param viewer the signed-in user, or null
 * @param csrf the token forms must send back
 * @param path the request path, for marking the current navigation item
 * @param notice a one-off message shown once after a redirect, or null
 * @param devMailbox whether the development mailbox is active (no SMTP configured)
 * @param requestId this request's id, shown on error pages
 * @param alerts a banner about the viewer's account shown on every page (a declined payment)
 * @param testMode whether payments are in test mode (the sandbox gateway): every page says so
 */
public record PageContext(
        SiteProperties site,
        @Nullable Viewer viewer,
        Csrf csrf,
        String path,
        @Nullable String notice,
        boolean devMailbox,
        String requestId,
        AccountAlerts.Pending alerts,
        boolean testMode) {

    /** The banner about the viewer's account, or null (asked for when the layout renders). */
    public AccountAlerts.@Nullable Alert alert() {
        return alerts.get();
    }

    public boolean signedIn() {
        return viewer != null;
    }

    public boolean isAdmin() {
        return viewer != null && viewer.isAdmin();
    }

    public boolean isCreator() {
        return viewer != null && viewer.isCreator();
    }

    public boolean current(String prefix) {
        return prefix.equals("/") ? path.equals("/") : path.startsWith(prefix);
    }

    /** A CSRF token: the form field name, the header name for htmx, and the value. */
    public record Csrf(String parameterName, String headerName, String token) {

        public String htmxHeaders() {
            return "{\"" + headerName + "\": \"" + token + "\"}";
        }
    }
}
