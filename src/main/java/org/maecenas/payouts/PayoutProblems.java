package org.maecenas.payouts;

import org.maecenas.web.DomainProblem;

public final class PayoutProblems {

    private PayoutProblems() {}

    public static final class PayoutNotFound extends DomainProblem.NotFound {
        public PayoutNotFound() {
            super("payout-not-found", "There is no such payout.");
        }
    }

    public static final class NoPayoutMethod extends DomainProblem.Conflict {
        public NoPayoutMethod() {
            super("no-payout-method", "Set how you want to be paid before asking for a payout.");
        }
    }
}
