package org.maecenas.notifications.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingEvents.AuthenticationRequired;
import org.maecenas.billing.BillingEvents.InvoicePaid;
import org.maecenas.billing.BillingEvents.PaymentDeclined;
import org.maecenas.billing.BillingEvents.PaymentsCollected;
import org.maecenas.billing.BillingEvents.RefundIssued;
import org.maecenas.money.Money;
import org.maecenas.notifications.Mail;
import org.maecenas.notifications.Outbox;
import org.maecenas.web.SiteProperties;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Receipts, decline notices, requests to confirm and refund notices, queued after the payment's
 * transaction commits (retried if sending fails).
 */
@Component
class BillingMails {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);

    private final Outbox outbox;
    private final PaymentMails mails;
    private final SiteProperties site;

    BillingMails(Outbox outbox, PaymentMails mails, SiteProperties site) {
        this.outbox = outbox;
        this.mails = mails;
        this.site = site;
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
        User patron = mails.patron(event.patronUserId());
        outbox.enqueue(
                "refund:" + event.refundId(), new Mail(patron.email(), "A refund from " + site.name(), """
                Hello %s,

                %s has been refunded to your card for “%s” (invoice %d), on %s.
                Depending on your bank it shows on your statement within 5 to 10 days.
                The invoice: %s
                """.formatted(
                                patron.displayName(),
                                Money.of(event.amountMinor(), event.currency()).display(),
                                event.description(),
                                event.invoiceId(),
                                DAY.format(event.at()),
                                site.link("/settings/billing/invoices/" + event.invoiceId()))));
    }
}
