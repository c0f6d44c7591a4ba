package org.maecenas.payments;

import java.util.List;
import org.maecenas.payments.internal.StripeEventStore;
import org.springframework.stereotype.Service;

/** The webhook events received, for operators. */
@Service
public class WebhookEvents {

    private final StripeEventStore store;
    private final GatewayInfo gateway;

    WebhookEvents(StripeEventStore store, GatewayInfo gateway) {
        this.store = store;
        this.gateway = gateway;
    }

    public List<WebhookEvent> recent(int limit) {
        return store.recent(limit);
    }

    public long total() {
        return store.count();
    }

    /** Whether a gateway that sends webhooks (Stripe) is in use. */
    public boolean expected() {
        return gateway.stripe();
    }
}
