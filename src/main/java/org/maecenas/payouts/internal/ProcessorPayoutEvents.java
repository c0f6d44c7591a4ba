package org.maecenas.payouts.internal;

import org.maecenas.payments.GatewayEvents;
import org.maecenas.payouts.Payouts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** What the processor tells about payouts to connected accounts (once each: marking is idempotent). */
@Component
class ProcessorPayoutEvents {

    private static final Logger log = LoggerFactory.getLogger(ProcessorPayoutEvents.class);

    private final Payouts payouts;

    ProcessorPayoutEvents(Payouts payouts) {
        this.payouts = payouts;
    }

    @ApplicationModuleListener
    void on(GatewayEvents.PayoutPaid paid) {
        payouts.findByExternal(paid.payoutId())
                .ifPresentOrElse(
                        payout -> payouts.markPaid(payout.id(), paid.payoutId()),
                        () -> log.warn("Payout {} at {} is not one of ours", paid.payoutId(), paid.gateway()));
    }

    @ApplicationModuleListener
    void on(GatewayEvents.PayoutFailed failed) {
        payouts.findByExternal(failed.payoutId())
                .ifPresentOrElse(
                        payout -> payouts.markFailed(payout.id(), failed.reason()),
                        () -> log.warn("Payout {} at {} is not one of ours", failed.payoutId(), failed.gateway()));
    }
}
