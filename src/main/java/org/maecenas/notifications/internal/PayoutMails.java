package org.maecenas.notifications.internal;

import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.User;
import org.maecenas.accounts.UserId;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.money.Money;
import org.maecenas.notifications.Mail;
import org.maecenas.notifications.Outbox;
import org.maecenas.payouts.PayoutEvents.PayoutFailed;
import org.maecenas.payouts.PayoutEvents.PayoutPaid;
import org.maecenas.web.SiteProperties;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Payout notices to the creator (transactional: no unsubscribe). */
@Component
class PayoutMails {

    private final Outbox outbox;
    private final Accounts accounts;
    private final Campaigns campaigns;
    private final SiteProperties site;

    PayoutMails(Outbox outbox, Accounts accounts, Campaigns campaigns, SiteProperties site) {
        this.outbox = outbox;
        this.accounts = accounts;
        this.campaigns = campaigns;
        this.site = site;
    }

    @ApplicationModuleListener
    void on(PayoutPaid event) {
        User creator = creatorOf(event.campaignId());
        outbox.enqueue(
                "payout-paid:" + event.payoutId(),
                new Mail(
                        creator.email(),
                        "Your payout of " + money(event.amountMinor(), event.currency()) + " is on its way",
                        """
                Hello %s,

                We sent %s to %s. Depending on your bank it arrives within a few working days.
                Your payouts and statements: %s
                """.formatted(
                                        creator.displayName(),
                                        money(event.amountMinor(), event.currency()),
                                        event.destination(),
                                        site.link("/dashboard/payouts"))));
    }

    @ApplicationModuleListener
    void on(PayoutFailed event) {
        User creator = creatorOf(event.campaignId());
        outbox.enqueue(
                "payout-failed:" + event.payoutId(),
                new Mail(
                        creator.email(),
                        "Your payout of " + money(event.amountMinor(), event.currency()) + " failed",
                        """
                Hello %s,

                The payout of %s to %s failed%s.
                The money is back in your balance. Check how you are paid, then ask again: %s
                """.formatted(
                                        creator.displayName(),
                                        money(event.amountMinor(), event.currency()),
                                        event.destination(),
                                        event.reason() == null || event.reason().isBlank() ? "" : ": " + event.reason(),
                                        site.link("/dashboard/payouts"))));
    }

    private User creatorOf(long campaignId) {
        Campaign campaign = campaigns.require(new CampaignId(campaignId));
        return accounts.require(new UserId(campaign.ownerUserId()));
    }

    private static String money(long minor, String currency) {
        return Money.of(minor, currency).display();
    }
}
