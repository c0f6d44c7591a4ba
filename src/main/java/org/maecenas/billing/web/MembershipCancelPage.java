package org.maecenas.billing.web;

import org.maecenas.billing.Statements;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.web.Formats;

/** What cancelling means, shown before the patron confirms it. */
public record MembershipCancelPage(Statements.Membership membership) {

    public Pledge pledge() {
        return membership.pledge();
    }

    public boolean ended() {
        return !pledge().live();
    }

    /** The consequences, in words. */
    public String consequences() {
        var campaign = membership.campaign();
        if (pledge().cadence() == Cadence.PER_CREATION) {
            if (membership.pendingCount() == 0) {
                return "Nothing is pending: nothing more will be billed, and posts for patrons of " + campaign.name()
                        + " lock for you at once.";
            }
            return "Your " + membership.pendingCount() + " pending paid " + campaign.creationNoun()
                    + (membership.pendingCount() == 1 ? "" : "s") + " ("
                    + membership.pending().display()
                    + ") will be billed now, to the card of this membership. After that nothing more is billed, and posts for patrons of "
                    + campaign.name() + " lock for you.";
        }
        if (pledge().paidThrough() == null) {
            return "Nothing more will be billed.";
        }
        return "Nothing more will be billed. You keep access to posts for patrons until your paid period ends, on "
                + Formats.date(pledge().paidThrough()) + ".";
    }
}
