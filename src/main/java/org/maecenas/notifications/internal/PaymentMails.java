package org.maecenas.notifications.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
import org.maecenas.web.SiteProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mails a payment tells its patron of: a receipt, a notice that it was declined, the link to
 * confirm it, a refund. A billing day's chunk ({@link PaymentsCollected}) is one {@link MailBatch}: queued as
 * the event, written when sent.
 */
@Component
class PaymentMails implements MailBatch {

    static final String KIND = "payments-collected";

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);

    private final Accounts accounts;
    private final SiteProperties site;
    private final JsonMapper json;

    PaymentMails(Accounts accounts, SiteProperties site, JsonMapper json) {
        this.accounts = accounts;
        this.site = site;
        this.json = json;
    }

    @Override
    public String kind() {
        return KIND;
    }

    String payload(PaymentsCollected event) {
        return json.writeValueAsString(event);
    }

    /** Receipts, then notices, then requests to confirm; the patrons looked up at once. */
    @Override
    public List<KeyedMail> mails(String payload) {
        PaymentsCollected event = json.readValue(payload, PaymentsCollected.class);
        Map<UserId, User> patrons = accounts.findAll(Stream.of(
                        event.paid().stream().map(InvoicePaid::patronUserId),
                        event.declined().stream().map(PaymentDeclined::patronUserId),
                        event.toConfirm().stream().map(AuthenticationRequired::patronUserId))
                .flatMap(ids -> ids)
                .map(UserId::new)
                .distinct()
                .toList());
        List<KeyedMail> mails = new ArrayList<>();
        for (InvoicePaid paid : event.paid()) {
            mails.add(new KeyedMail(key(paid), receipt(paid, patron(patrons, paid.patronUserId()))));
        }
        for (PaymentDeclined declined : event.declined()) {
            mails.add(new KeyedMail(key(declined), notice(declined, patron(patrons, declined.patronUserId()))));
        }
        for (AuthenticationRequired confirm : event.toConfirm()) {
            mails.add(new KeyedMail(key(confirm), confirmation(confirm, patron(patrons, confirm.patronUserId()))));
        }
        return mails;
    }

    /** The key of a chunk's batch: the same chunk told twice is queued once. */
    static String key(PaymentsCollected event) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
        Stream.of(
                        event.paid().stream().map(PaymentMails::key),
                        event.declined().stream().map(PaymentMails::key),
                        event.toConfirm().stream().map(PaymentMails::key))
                .flatMap(keys -> keys)
                .forEach(key -> digest.update((key + "\n").getBytes(StandardCharsets.UTF_8)));
        return KIND + ":" + HexFormat.of().formatHex(digest.digest());
    }

    User patron(long id) {
        return accounts.require(new UserId(id));
    }

    private User patron(Map<UserId, User> patrons, long id) {
        User patron = patrons.get(new UserId(id));
        return patron != null ? patron : patron(id);
    }

    static String key(InvoicePaid event) {
        return "receipt:" + event.invoiceId();
    }

    static String key(PaymentDeclined event) {
        return "declined:" + event.invoiceId() + ":" + event.nextAttemptAt();
    }

    static String key(AuthenticationRequired event) {
        return "authenticate:" + event.invoiceId() + ":" + event.at().toEpochMilli();
    }

    Mail receipt(InvoicePaid event, User patron) {
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

    Mail notice(PaymentDeclined event, User patron) {
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

    Mail confirmation(AuthenticationRequired event, User patron) {
        return new Mail(patron.email(), "Please confirm your payment on " + site.name(), """
                Hello %s,

                Your bank asks you to confirm the payment of %s before it goes through.
                Nothing has been charged yet. Confirm it here: %s
                """.formatted(
                        patron.displayName(),
                        Money.of(event.amountMinor(), event.currency()).display(),
                        site.link("/settings/billing/invoices/" + event.invoiceId() + "/authenticate")));
    }

    Mail refund(RefundIssued event, User patron) {
        return new Mail(patron.email(), "A refund from " + site.name(), """
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
                        site.link("/settings/billing/invoices/" + event.invoiceId())));
    }
}
