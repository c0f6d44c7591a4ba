package org.maecenas.billing;

import org.maecenas.web.DomainProblem;

public final class BillingProblems {

    private BillingProblems() {}

    /** Not there, or another patron's: a patron only ever learns of their own invoices. */
    public static final class InvoiceNotFound extends DomainProblem.NotFound {
        public InvoiceNotFound() {
            super("invoice-not-found", "There is no such invoice on your account.");
        }
    }

    /** Removing the last card would leave live memberships with nothing to charge. */
    public static final class CardStillNeeded extends DomainProblem.Conflict {
        public CardStillNeeded() {
            super(
                    "card-still-needed",
                    "Your memberships are paid with this card. Add another card first, or cancel them.");
        }
    }

    /** Not a payment of this creator's patron that can still be refunded here. */
    public static final class PaymentNotRefundable extends DomainProblem.NotFound {
        public PaymentNotRefundable() {
            super(
                    "payment-not-refundable",
                    "This payment can’t be refunded here: only a patron’s last 3 payments of the past 90 days can.");
        }
    }
}
