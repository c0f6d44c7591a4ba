package org.maecenas.billing.web;

import org.jspecify.annotations.Nullable;
import org.maecenas.billing.Invoice;

/**
 * Confirming a payment the patron's bank asked about: with Stripe, Stripe.js does it in the page
 * (the client secret and publishable key go to the script); in test mode, two buttons play the bank.
 */
public record AuthenticatePage(
        Invoice invoice,
        boolean waiting,
        @Nullable String clientSecret,
        @Nullable String publishableKey,
        boolean sandbox) {

    public String path() {
        return "/settings/billing/invoices/" + invoice.id() + "/authenticate";
    }
}
