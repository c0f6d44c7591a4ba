package org.maecenas.billing.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.billing.Invoice;
import org.maecenas.money.Money;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.web.FormErrors;

/**
 * A patron's cards: add one, make one the default, remove one, retry unpaid payments now.
 *
 * @param stripe whether cards are added in Stripe's own form (Stripe.js) rather than ours
 * @param stripeKey the publishable key for Stripe.js (null if the operator has not set it)
 */
public record PaymentMethodsPage(
        List<PaymentMethod> cards,
        List<Invoice> unpaid,
        FormErrors errors,
        boolean testMode,
        boolean stripe,
        @Nullable String stripeKey) {

    /** What is unpaid, per currency, in words ("$5.00, €3.00"). */
    public String unpaidTotal() {
        return unpaid.stream()
                .map(Invoice::total)
                .collect(java.util.stream.Collectors.groupingBy(
                        Money::currency,
                        java.util.LinkedHashMap::new,
                        java.util.stream.Collectors.reducing(null, (a, b) -> a == null ? b : a.plus(b))))
                .values()
                .stream()
                .map(Money::display)
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
