package org.maecenas.payments;

import org.maecenas.web.DomainProblem;

public final class PaymentProblems {

    private PaymentProblems() {}

    public static final class PaymentMethodNotFound extends DomainProblem.NotFound {
        public PaymentMethodNotFound() {
            super("payment-method-not-found", "There is no such card on your account.");
        }
    }
}
