package org.maecenas.testing;

/** The kinds of user the walk test visits every route as. Add a kind here and a principal in WalkFixtures. */
public enum WalkProfile {
    ANONYMOUS,
    PATRON,
    FOLLOWER,
    CREATOR,
    ADMIN
}
