package org.maecenas.payments;

import org.maecenas.web.DomainProblem;
import org.springframework.http.HttpStatus;

public final class PaymentProblems {

    private PaymentProblems() {}

    public static final class PaymentMethodNotFound extends DomainProblem.NotFound {
        public PaymentMethodNotFound() {
            super("payment-method-not-found", "There is no such card on your account.");
        }
    }

    /** Cards are entered in Stripe's form only when Stripe takes the money. */
    public static final class CardFormNotAvailable extends DomainProblem.NotFound {
        public CardFormNotAvailable() {
            super("card-form-not-available", "Cards are entered on the payment methods page here.");
        }
    }

    /** The payment processor did not answer; nothing was saved or charged by this request. */
    public static final class ProcessorUnavailable extends DomainProblem {
        public ProcessorUnavailable() {
            super(
                    "payment-processor-unavailable",
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "The payment processor did not answer. Nothing was saved; try again in a minute.");
        }
    }
}
