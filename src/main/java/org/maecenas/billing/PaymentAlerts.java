package org.maecenas.billing;

import org.jspecify.annotations.Nullable;
import org.maecenas.billing.internal.InvoiceRepository;
import org.maecenas.web.AccountAlerts;
import org.springframework.stereotype.Component;

/**
 * The banner a patron sees on every page while a payment of theirs is declined: a declined
 * membership, or an invoice unpaid after a decline (or given up on). It leads to the card page,
 * where a new card retries every unpaid invoice at once.
 */
@Component
class PaymentAlerts implements AccountAlerts {

    static final Alert DECLINED = new Alert(
            "A payment of yours didn’t go through, so posts for patrons are locked until it is paid.",
            "/settings/payment-methods",
            "Update your card and retry now");

    private final InvoiceRepository invoices;

    PaymentAlerts(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    @Override
    public @Nullable Alert alertFor(long viewerId) {
        return invoices.needsAttention(viewerId) ? DECLINED : null;
    }
}
