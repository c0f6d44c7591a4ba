package org.maecenas.notifications.web;

import java.util.List;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.PostMail;

/**
 * A patron's post mail: all of it on or off, and each creator they follow or support.
 *
 * @param emailVerified post mail goes only to confirmed addresses
 */
public record EmailPreferencesPage(boolean allOff, boolean emailVerified, List<Creator> creators) {

    /** A creator and whether this patron gets its post mail. */
    public record Creator(Campaign campaign, boolean subscribed) {

        /** Whether the creator sends post mail at all. */
        public boolean sends() {
            return campaign.postMail() != PostMail.OFF;
        }
    }
}
