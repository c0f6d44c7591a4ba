package org.maecenas.billing.web;

import java.util.List;
import org.maecenas.billing.Statements;

/** A patron's paid memberships: amount, cap, next charge and its estimate, status. */
public record MembershipsPage(List<Statements.Membership> memberships, boolean testMode) {

    public List<Statements.Membership> live() {
        return memberships.stream().filter(m -> m.pledge().live()).toList();
    }

    public List<Statements.Membership> ended() {
        return memberships.stream().filter(m -> !m.pledge().live()).toList();
    }
}
