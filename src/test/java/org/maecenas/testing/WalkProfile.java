package org.maecenas.testing;

/** The kinds of user the walk test visits every route as. Add a kind here and a principal in WalkFixtures. */
public enum WalkProfile {
    ANONYMOUS,
    /** Pledges per creation, with a paid invoice and a pending accrual. */
    PATRON,
    /** Pledges per creation with a card that went bad: the membership is declined, an invoice unpaid. */
    DECLINED_PATRON,
    /** Was a monthly member and cancelled: access until the paid month ends. */
    CANCELLED_PATRON,
    FOLLOWER,
    CREATOR,
    ADMIN
}
