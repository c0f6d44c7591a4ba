/**
 * Taking money: saved payment methods and the {@link PaymentGateway} port with its adapters — the
 * in-process sandbox gateway (the default, deterministic by test card number) and, later, Stripe.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payments")
package org.maecenas.payments;
