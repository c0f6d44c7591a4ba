package org.maecenas.notifications.internal;

import org.maecenas.billing.BillingEvents.AuthenticationRequired;
import org.maecenas.billing.BillingEvents.InvoicePaid;
import org.maecenas.billing.BillingEvents.PaymentDeclined;
import org.maecenas.billing.BillingEvents.PaymentsCollected;
import org.maecenas.billing.BillingEvents.RefundIssued;
import org.maecenas.notifications.Outbox;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Receipts, decline notices, requests to confirm and refund notices, queued after the payment's
 * transaction commits (retried if sending fails).
 */
@Component
class BillingMails {

    private final Outbox outbox;
    private final PaymentMails mails;

    BillingMails(Outbox outbox, PaymentMails mails) {
        this.outbox = outbox;
        this.mails = mails;
    }

    @ApplicationModuleListener
    void on(PaymentDeclined event) {
        outbox.enqueue(PaymentMails.key(event), mails.notice(event, mails.patron(event.patronUserId())));
    }

    @ApplicationModuleListener
    void on(InvoicePaid event) {
        outbox.enqueue(PaymentMails.key(event), mails.receipt(event, mails.patron(event.patronUserId())));
    }

    @ApplicationModuleListener
    void on(AuthenticationRequired event) {
        outbox.enqueue(PaymentMails.key(event), mails.confirmation(event, mails.patron(event.patronUserId())));
    }

    /**
     * A billing day's chunk: its receipts, notices and requests to confirm queued as one row,
     * each mail written when the drain sends it.
     */
    @ApplicationModuleListener
    void on(PaymentsCollected event) {
        outbox.enqueueBatch(PaymentMails.key(event), PaymentMails.KIND, mails.payload(event));
    }

    @ApplicationModuleListener
    void on(RefundIssued event) {
        outbox.enqueue("refund:" + event.refundId(), mails.refund(event, mails.patron(event.patronUserId())));
    }
}
