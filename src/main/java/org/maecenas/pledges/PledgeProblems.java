package org.maecenas.pledges;

import org.maecenas.web.DomainProblem;

public final class PledgeProblems {

    private PledgeProblems() {}

    public static final class PledgeNotFound extends DomainProblem.NotFound {
        public PledgeNotFound() {
            super("pledge-not-found", "There is no such membership on your account.");
        }
    }

    public static final class AlreadyAMember extends DomainProblem.Conflict {
        public AlreadyAMember() {
            super(
                    "already-a-member",
                    "You already support this creator. Change your membership instead of joining again.");
        }
    }

    public static final class TierFull extends DomainProblem.Conflict {
        public TierFull() {
            super("tier-full", "This tier is full. Choose another tier, or a custom amount.");
        }
    }
}
