package org.maecenas.payments.internal;

import com.stripe.exception.CardException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.maecenas.money.Money;
import org.maecenas.payments.ChargeResult;
import org.maecenas.payments.ChargeResult.Outcome;
import org.maecenas.payments.RefundResult;
import org.maecenas.payments.SandboxCards;

/** Stripe's objects in the port's words. Pure: no calls, so every mapping is tested without a server. */
final class StripeResults {

    static final String AUTHENTICATION_REQUIRED = "authentication_required";

    private StripeResults() {}

    /**
     * What a PaymentIntent says about the charge. A succeeded intent needs its latest charge's
     * balance transaction (expanded) for what settled and the fee.
     */
    static ChargeResult of(PaymentIntent intent, @Nullable BalanceTransaction settlement) {
        return switch (intent.getStatus()) {
            case "succeeded" -> succeeded(intent, settlement);
            case "requires_action", "requires_confirmation" ->
                waiting(intent.getId(), "Your bank needs you to confirm this payment.");
            case "requires_payment_method" -> failed(intent);
            case "canceled" -> {
                String reason = intent.getCancellationReason();
                String code = reason == null || "abandoned".equals(reason) ? "authentication_abandoned" : reason;
                yield new ChargeResult(
                        Outcome.DECLINED, intent.getId(), null, null, code, "The payment was cancelled.");
            }
            // processing, requires_capture: not final yet; ask again later
            default -> ChargeResult.unknown("Stripe is still processing the payment (" + intent.getStatus() + ").");
        };
    }

    /** A card error answered to a create: a decline, or the bank asking for the patron. */
    static ChargeResult of(CardException error) {
        StripeError detail = error.getStripeError();
        PaymentIntent intent = detail == null ? null : detail.getPaymentIntent();
        String id = intent == null ? null : intent.getId();
        if (AUTHENTICATION_REQUIRED.equals(error.getCode()) || AUTHENTICATION_REQUIRED.equals(error.getDeclineCode())) {
            return waiting(id, "Your bank needs you to confirm this payment.");
        }
        String code = error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode();
        return new ChargeResult(Outcome.DECLINED, id, null, null, code, message(code, error.getUserMessage()));
    }

    static RefundResult of(Refund refund) {
        RefundResult.Outcome outcome = switch (refund.getStatus()) {
            case "succeeded" -> RefundResult.Outcome.SUCCEEDED;
            case "pending", "requires_action" -> RefundResult.Outcome.PENDING;
            default -> RefundResult.Outcome.FAILED;
        };
        String message = switch (outcome) {
            case SUCCEEDED -> "Refunded.";
            case PENDING -> "The refund is on its way.";
            default ->
                "The refund failed" + (refund.getFailureReason() == null ? "." : ": " + refund.getFailureReason());
        };
        return new RefundResult(outcome, refund.getId(), money(refund.getAmount(), refund.getCurrency()), message);
    }

    static Money money(long minor, String stripeCurrency) {
        return Money.of(minor, stripeCurrency.toUpperCase(Locale.ROOT));
    }

    private static ChargeResult waiting(@Nullable String intentId, String message) {
        return new ChargeResult(Outcome.REQUIRES_ACTION, intentId, null, null, AUTHENTICATION_REQUIRED, message);
    }

    private static ChargeResult failed(PaymentIntent intent) {
        StripeError last = intent.getLastPaymentError();
        if (last == null) {
            return new ChargeResult(
                    Outcome.DECLINED, intent.getId(), null, null, "incomplete", "The payment was not completed.");
        }
        if (AUTHENTICATION_REQUIRED.equals(last.getCode()) || AUTHENTICATION_REQUIRED.equals(last.getDeclineCode())) {
            return waiting(intent.getId(), "Your bank needs you to confirm this payment.");
        }
        String code = last.getDeclineCode() != null ? last.getDeclineCode() : last.getCode();
        return new ChargeResult(Outcome.DECLINED, intent.getId(), null, null, code, message(code, last.getMessage()));
    }

    private static ChargeResult succeeded(PaymentIntent intent, @Nullable BalanceTransaction settlement) {
        Money asked = money(
                intent.getAmountReceived() != null ? intent.getAmountReceived() : intent.getAmount(),
                intent.getCurrency());
        if (settlement == null) {
            // no balance transaction yet: the fee is not known, so the ledger would be wrong; ask later
            return ChargeResult.unknown("Stripe has not settled the payment yet.");
        }
        Money settled;
        Money fee;
        if (settlement.getCurrency().equalsIgnoreCase(intent.getCurrency())) {
            settled = money(settlement.getAmount(), settlement.getCurrency());
            fee = money(settlement.getFee(), settlement.getCurrency());
        } else {
            // settled in the account's own currency: the books stay in the charge's, so the fee is
            // converted back at the rate Stripe used
            settled = asked;
            fee = new Money(convertBack(settlement, asked.currency()), asked.currency());
        }
        return new ChargeResult(Outcome.SUCCEEDED, intent.getId(), settled, fee, null, "paid");
    }

    /** The fee in the charge's currency: fee ÷ rate, scaled between the two currencies' minor units. */
    static long convertBack(BalanceTransaction settlement, Currency chargeCurrency) {
        BigDecimal rate = settlement.getExchangeRate();
        if (rate == null || rate.signum() == 0) {
            return 0;
        }
        Currency settledIn = Currency.getInstance(settlement.getCurrency().toUpperCase(Locale.ROOT));
        int shift = chargeCurrency.getDefaultFractionDigits() - settledIn.getDefaultFractionDigits();
        return BigDecimal.valueOf(settlement.getFee())
                .divide(rate, 10, RoundingMode.HALF_UP)
                .movePointRight(shift)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** Stripe's card-error messages are written for the cardholder; ours for the codes we know. */
    private static String message(@Nullable String code, @Nullable String stripeMessage) {
        String ours = SandboxCards.message(Outcome.DECLINED, code);
        boolean generic = "Your card was declined.".equals(ours) || "The payment did not go through.".equals(ours);
        return generic && stripeMessage != null && !stripeMessage.isBlank() ? stripeMessage : ours;
    }
}
