package org.maecenas.billing.web;

import org.maecenas.billing.Statements;

/** After joining: the membership as it now is, and the tier's welcome note. */
public record JoinWelcomePage(Statements.Membership membership) {

    public String welcomeNote() {
        return membership.tier() == null ? "" : membership.tier().welcomeNote();
    }
}
