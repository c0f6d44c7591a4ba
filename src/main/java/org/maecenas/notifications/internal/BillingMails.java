package org.maecenas.notifications.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.User;
import org.maecenas.accounts.UserId;
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

/** Receipts and decline notices, sent after the payment's transaction commits (retried if sending fails). */
@Component
class BillingMails {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);

    private final Outbox outbox;
    private final Accounts accounts;
    private final SiteProperties site;

    BillingMails(Outbox outbox, Accounts accounts, SiteProperties site) {
        this.outbox = outbox;
        this.accounts = accounts;
        this.site = site;
    }

    @ApplicationModuleListener
    void on(PaymentDeclined event) {
        outbox.enqueue(key(event), notice(event, accounts.require(new UserId(event.patronUserId()))));
    }

    @ApplicationModuleListener
    void on(InvoicePaid event) {
        outbox.enqueue(key(event), receipt(event, accounts.require(new UserId(event.patronUserId()))));
    }

    /**
     * A billing day's chunk: its receipts, notices and requests to confirm, the patrons looked up and
     * the mails queued at once.
     */
    @ApplicationModuleListener
    void on(PaymentsCollected event) {
        Map<UserId, User> patrons = accounts.findAll(Stream.of(
                        event.paid().stream().map(InvoicePaid::patronUserId),
                        event.declined().stream().map(PaymentDeclined::patronUserId),
                        event.toConfirm().stream().map(AuthenticationRequired::patronUserId))
                .flatMap(ids -> ids)
                .map(UserId::new)
                .distinct()
                .toList());
        Map<String, Mail> mails = new LinkedHashMap<>();
        for (InvoicePaid paid : event.paid()) {
            mails.put(key(paid), receipt(paid, patron(patrons, paid.patronUserId())));
        }
        for (PaymentDeclined declined : event.declined()) {
            mails.put(key(declined), notice(declined, patron(patrons, declined.patronUserId())));
        }
        for (AuthenticationRequired confirm : event.toConfirm()) {
            mails.put(key(confirm), confirmation(confirm, patron(patrons, confirm.patronUserId())));
        }
        outbox.enqueueAll(mails);
    }

    private User patron(Map<UserId, User> patrons, long id) {
        User patron = patrons.get(new UserId(id));
        return patron != null ? patron : accounts.require(new UserId(id));
    }

    private static String key(PaymentDeclined event) {
        return "declined:" + event.invoiceId() + ":" + event.nextAttemptAt();
    }

    private static String key(InvoicePaid event) {
        return "receipt:" + event.invoiceId();
    }

    private Mail notice(PaymentDeclined event, User patron) {
        String next = event.nextAttemptAt() == null
                ? "We won’t try again. Your membership stays paused until the invoice is paid."
                : "We’ll try again on " + DAY.format(event.nextAttemptAt()) + ".";
        return new Mail(patron.email(), "Your payment on " + site.name() + " didn’t go through", """
                Hello %s,

                We couldn’t collect %s: %s
                Until it is paid, posts for patrons are locked.
                %s

                Update your card and pay now: %s
                """.formatted(
                        patron.displayName(),
                        Money.of(event.amountMinor(), event.currency()).display(),
                        event.reason(),
                        next,
                        site.link("/settings/payment-methods")));
    }

    private Mail receipt(InvoicePaid event, User patron) {
        return new Mail(patron.email(), "Your receipt from " + site.name(), """
                Hello %s,

                Thank you: we received %s on %s.
                The receipt, with what you supported, is here: %s
                """.formatted(
                        patron.displayName(),
                        Money.of(event.amountMinor(), event.currency()).display(),
                        DAY.format(event.at()),
                        site.link("/settings/billing/invoices/" + event.invoiceId())));
    }

    @ApplicationModuleListener
    void on(AuthenticationRequired event) {
        outbox.enqueue(key(event), confirmation(event, accounts.require(new UserId(event.patronUserId()))));
    }

    private static String key(AuthenticationRequired event) {
        return "authenticate:" + event.invoiceId() + ":" + event.at().toEpochMilli();
    }

    private Mail confirmation(AuthenticationRequired event, User patron) {
        return new Mail(patron.email(), "Please confirm your payment on " + site.name(), """
                Hello %s,

                Your bank asks you to confirm the payment of %s before it goes through.
                Nothing has been charged yet. Confirm it here: %s
                """.formatted(
                        patron.displayName(),
                        Money.of(event.amountMinor(), event.currency()).display(),
                        site.link("/settings/billing/invoices/" + event.invoiceId() + "/authenticate")));
    }

    @ApplicationModuleListener
    void on(RefundIssued event) {
        User patron = accounts.require(new UserId(event.patronUserId()));
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
