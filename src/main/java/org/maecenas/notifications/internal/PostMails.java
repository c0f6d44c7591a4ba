package org.maecenas.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.PostMail;
import org.maecenas.notifications.Outbox;
import org.maecenas.posts.PostEvents.PostDeleted;
import org.maecenas.posts.PostEvents.PostPublished;
import org.maecenas.posts.PostEvents.PostUnpublished;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Mail to members about a new post. The listener only plans the mailing (one row, so the event is
 * done with quickly and retried from the registry if even that fails); {@link PostMailFanout}
 * queues the mail itself, a chunk at a time, right after this commits and on a task on any node.
 */
@Component
class PostMails {

    private final Campaigns campaigns;
    private final PostMailingRepository mailings;
    private final PostMailFanout fanout;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration delay;

    PostMails(
            Campaigns campaigns,
            PostMailingRepository mailings,
            PostMailFanout fanout,
            Outbox outbox,
            Clock clock,
            MailProperties properties) {
        this.campaigns = campaigns;
        this.delay = properties.postMailDelay();
        this.outbox = outbox;
        this.mailings = mailings;
        this.fanout = fanout;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(PostPublished event) {
        Campaign campaign = campaigns.require(event.campaignId());
        if (campaign.postMail() == PostMail.OFF) {
            return;
        }
        if (mailings.plan(event.postId(), event.campaignId(), event.publishedAt(), clock.instant(), delay)
                && delay.isZero()) {
            fanout.soonAfterCommit(); // else the scheduled run takes it once the delay is over
        }
    }

    /** A post taken back: its mail not yet sent stays unsent (the fan-out stops at its next chunk). */
    @ApplicationModuleListener
    void on(PostUnpublished event) {
        outbox.withdraw(PostMailFanout.keyPrefix(event.postId()));
    }

    @ApplicationModuleListener
    void on(PostDeleted event) {
        outbox.withdraw(PostMailFanout.keyPrefix(event.postId()));
    }
}
