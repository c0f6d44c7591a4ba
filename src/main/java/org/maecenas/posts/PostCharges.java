package org.maecenas.posts;

import java.util.Collection;
import java.util.Map;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.money.Money;

/**
 * What the paid posts of a creator were billed: the creator's workspace shows it beside each paid
 * post. Implemented by billing (which listens to posts), so posts need not depend on it.
 */
public interface PostCharges {

    /** Per post of the campaign that has charges: how many patrons and how much in all (void ones left out). */
    Map<PostId, Charged> of(CampaignId campaign, Collection<PostId> posts);

    /** A paid post's charges: to how many patrons, and the total. */
    record Charged(long patrons, Money total) {}
}
