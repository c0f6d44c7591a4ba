package org.maecenas.billing;

import java.time.Clock;
import org.maecenas.billing.internal.AccrualRepository;
import org.maecenas.posts.PostEvents.PostDeleted;
import org.maecenas.posts.PostEvents.PostPublished;
import org.maecenas.posts.PostEvents.PostUnpublished;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns paid posts into accruals, and voids them when the post is unpublished or deleted before it
 * is billed. Listeners run after the post's transaction commits and are retried from the event
 * registry; they are idempotent (one accrual per pledge and post).
 */
@Component
public class Accruals {

    private final AccrualRepository accruals;
    private final BillingProperties properties;
    private final Clock clock;

    Accruals(AccrualRepository accruals, BillingProperties properties, Clock clock) {
        this.accruals = accruals;
        this.properties = properties;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(PostPublished event) {
        if (event.chargePatrons()) {
            accrue(event);
        }
    }

    @ApplicationModuleListener
    void on(PostUnpublished event) {
        accruals.voidPending(event.postId().value());
    }

    @ApplicationModuleListener
    void on(PostDeleted event) {
        accruals.voidPending(event.postId().value());
    }

    /** Accrues a paid post for every per-creation pledge active when it was published. */
    @Transactional
    public int accrue(PostPublished event) {
        BillingCalendar calendar = new BillingCalendar(properties.timeZone());
        return accruals.accrue(
                event.campaignId().value(),
                event.postId().value(),
                event.publishedAt(),
                BillingCalendar.monthStart(calendar.today(event.publishedAt())));
    }

    Clock clock() {
        return clock;
    }
}
