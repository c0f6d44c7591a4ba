package org.maecenas.pledges;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.TierId;

/**
 * What a person is to a creator right now.
 *
 * @param amountMinor what they pay per period or per creation (0 for followers)
 * @param tier the tier they chose, if any
 * @param paidThrough for cancelled monthly memberships: access lasts until then
 */
public record Standing(
        Level level,
        long amountMinor,
        @Nullable TierId tier,
        @Nullable Instant paidThrough) {

    public enum Level {
        /** No relation. */
        NONE,
        /** A free member: follows the creator and sees "all members" posts. */
        FOLLOWER,
        /** A paying patron in good standing. */
        PATRON,
        /** A patron whose last payment was declined: locked posts stay locked until they pay. */
        DECLINED
    }

    public static final Standing NONE = new Standing(Level.NONE, 0, null, null);

    public boolean isMember() {
        return level == Level.FOLLOWER || level == Level.PATRON || level == Level.DECLINED;
    }

    public boolean isPayingPatron() {
        return level == Level.PATRON;
    }
}
