package org.maecenas.payments.internal;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.param.SetupIntentCreateParams;
import com.stripe.param.SetupIntentRetrieveParams;
import java.util.Locale;
import java.util.Optional;
import org.maecenas.payments.PaymentGateway.SavedMethod;
import org.maecenas.payments.PaymentProblems.ProcessorUnavailable;
import org.maecenas.web.InvalidInput;

/**
 * Saving a card with Stripe: a SetupIntent on the patron's customer, confirmed in their browser by
 * Stripe.js (which authenticates the card with their bank once, so later charges can be made
 * without them). What is saved is read back from Stripe, never taken from the browser.
 */
public class StripeSetup {

    private final StripeApi stripe;
    private final StripeCustomers customers;

    StripeSetup(StripeApi stripe, StripeCustomers customers) {
        this.stripe = stripe;
        this.customers = customers;
    }

    /** A new SetupIntent's client secret, for Stripe.js. */
    public String start(long userId) {
        try {
            String customer = customers.ensure(userId);
            SetupIntentCreateParams params = SetupIntentCreateParams.builder()
                    .setCustomer(customer)
                    .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                    .addPaymentMethodType("card")
                    .putMetadata("maecenas_user_id", Long.toString(userId))
                    .build();
            return stripe.call(c -> c.v1().setupIntents().create(params)).getClientSecret();
        } catch (StripeException unreachable) {
            throw new ProcessorUnavailable();
        }
    }

    /** The card a patron's confirmed SetupIntent saved; refused if it is someone else's or unfinished. */
    public SavedMethod confirmed(long userId, String setupIntentId) {
        if (!setupIntentId.matches("seti_[A-Za-z0-9_]{1,200}")) {
            throw InvalidInput.of("setupIntent", "The card form sent something unexpected; try again.");
        }
        SetupIntent intent = retrieve(setupIntentId).orElseThrow(() -> notYours());
        Optional<String> customer = customers.of(userId);
        if (customer.isEmpty() || !customer.get().equals(intent.getCustomer())) {
            throw notYours();
        }
        if (!"succeeded".equals(intent.getStatus()) || intent.getPaymentMethodObject() == null) {
            throw InvalidInput.of("setupIntent", "Your bank has not confirmed the card yet; try again.");
        }
        return saved(intent.getPaymentMethodObject());
    }

    /** For the webhook: the patron and card of a succeeded SetupIntent on one of our customers. */
    Optional<Saved> succeeded(String setupIntentId) {
        return retrieve(setupIntentId)
                .filter(intent -> "succeeded".equals(intent.getStatus()) && intent.getPaymentMethodObject() != null)
                .flatMap(intent -> Optional.ofNullable(intent.getCustomer())
                        .flatMap(customers::userOf)
                        .map(user -> new Saved(user, saved(intent.getPaymentMethodObject()))));
    }

    record Saved(long userId, SavedMethod method) {}

    private Optional<SetupIntent> retrieve(String id) {
        try {
            SetupIntentRetrieveParams params = SetupIntentRetrieveParams.builder()
                    .addExpand("payment_method")
                    .build();
            return Optional.of(stripe.call(c -> c.v1().setupIntents().retrieve(id, params)));
        } catch (InvalidRequestException missing) {
            return Optional.empty();
        } catch (StripeException unreachable) {
            throw new ProcessorUnavailable();
        }
    }

    private static SavedMethod saved(PaymentMethod method) {
        PaymentMethod.Card card = method.getCard();
        if (card == null) {
            throw InvalidInput.of("setupIntent", "Only cards can be saved here.");
        }
        return new SavedMethod(
                method.getId(),
                brand(card.getBrand()),
                card.getLast4(),
                card.getExpMonth().intValue(),
                card.getExpYear().intValue());
    }

    /** "visa" → "Visa", "amex" → "American Express", as the sandbox names brands. */
    static String brand(String stripeBrand) {
        return switch (stripeBrand == null ? "" : stripeBrand.toLowerCase(Locale.ROOT)) {
            case "visa" -> "Visa";
            case "mastercard" -> "Mastercard";
            case "amex" -> "American Express";
            case "discover" -> "Discover";
            case "diners" -> "Diners Club";
            case "jcb" -> "JCB";
            case "unionpay" -> "UnionPay";
            case "cartes_bancaires" -> "Cartes Bancaires";
            default -> "Card";
        };
    }

    private static InvalidInput notYours() {
        return InvalidInput.of("setupIntent", "That card setup is not on your account; try again.");
    }
}
