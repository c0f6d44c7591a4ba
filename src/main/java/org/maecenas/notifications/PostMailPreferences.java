package org.maecenas.notifications;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.maecenas.accounts.UserId;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.notifications.internal.OptOutRepository;
import org.maecenas.notifications.internal.UnsubscribeTokens;
import org.maecenas.web.SiteProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether a member gets mail about new posts: per creator, and a switch for all of them. Every
 * post mail carries a signed link that turns one creator off without signing in; transactional
 * mail (receipts, resets) carries none and is not affected.
 */
@Service
public class PostMailPreferences {

    /** Whom an unsubscribe link speaks for. */
    public record Subscription(UserId user, CampaignId campaign) {}

    /** A person's choices: all post mail off, and the creators turned off one by one. */
    public record Choices(boolean allOff, Set<Long> campaignsOff) {

        public boolean wants(CampaignId campaign) {
            return !allOff && !campaignsOff.contains(campaign.value());
        }
    }

    private final OptOutRepository optOuts;
    private final UnsubscribeTokens tokens;
    private final SiteProperties site;
    private final Clock clock;

    PostMailPreferences(OptOutRepository optOuts, UnsubscribeTokens tokens, SiteProperties site, Clock clock) {
        this.optOuts = optOuts;
        this.tokens = tokens;
        this.site = site;
        this.clock = clock;
    }

    /** The one-click link for this member and creator, absolute. */
    public String unsubscribeUrl(UserId user, CampaignId campaign) {
        return site.link("/mail/unsubscribe/" + tokens.token(user, campaign));
    }

    /** The member and creator a link was made for, if it is one of ours, unaltered. */
    public Optional<Subscription> verify(@Nullable String token) {
        return tokens.verify(token);
    }

    @Transactional
    public void unsubscribe(UserId user, CampaignId campaign) {
        optOuts.optOut(user, campaign, clock.instant());
    }

    @Transactional
    public void resubscribe(UserId user, CampaignId campaign) {
        optOuts.optIn(user, campaign);
    }

    /** Turns all post mail off (or back on, leaving creators turned off one by one as they are). */
    @Transactional
    public void setAll(UserId user, boolean wanted) {
        if (wanted) {
            optOuts.optIn(user, null);
        } else {
            optOuts.optOut(user, null, clock.instant());
        }
    }

    public Choices choices(UserId user) {
        Set<Long> off = optOuts.of(user);
        boolean allOff = off.remove(0L);
        return new Choices(allOff, Set.copyOf(off));
    }
}
