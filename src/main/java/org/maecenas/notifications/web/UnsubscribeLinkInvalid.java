package org.maecenas.notifications.web;

import org.maecenas.web.DomainProblem;

/** An unsubscribe link that we did not make, or that lost characters on its way. */
final class UnsubscribeLinkInvalid extends DomainProblem.NotFound {

    UnsubscribeLinkInvalid() {
        super(
                "unsubscribe-link-invalid",
                "This unsubscribe link isn’t valid: it may have been cut short. Copy the whole link from the"
                        + " mail, or sign in and choose your mail under Settings → Email.");
    }
}
