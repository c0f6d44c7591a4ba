package org.maecenas.payments.internal;

import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.BalanceTransactionSource;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Refund;
import com.stripe.param.BalanceTransactionListParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.payments.GatewayTransaction;
import org.maecenas.payments.GatewayTransaction.Type;

/**
 * Stripe's balance transactions as the port's: each traced back to the PaymentIntent our charge
 * result named (a charge's, refund's and dispute's {@code payment_intent}), so reconciliation can
 * match them with payment attempts.
 */
final class StripeTransactions {

    private StripeTransactions() {}

    static List<GatewayTransaction> between(StripeApi stripe, Instant from, Instant to) throws StripeException {
        BalanceTransactionListParams params = BalanceTransactionListParams.builder()
                .setCreated(BalanceTransactionListParams.Created.builder()
                        .setGte(ceilSeconds(from))
                        .setLt(ceilSeconds(to))
                        .build())
                .setLimit(100L)
                .addExpand("data.source")
                .build();
        List<GatewayTransaction> found = new ArrayList<>();
        for (BalanceTransaction txn :
                stripe.call(c -> c.v1().balanceTransactions().list(params)).autoPagingIterable()) {
            found.add(of(txn));
        }
        // Stripe lists newest first; the port promises oldest first
        found.sort(Comparator.comparing(GatewayTransaction::at).thenComparing(GatewayTransaction::id));
        return found;
    }

    static GatewayTransaction of(BalanceTransaction txn) {
        BalanceTransactionSource source = txn.getSourceObject();
        Type type = type(txn);
        String chargeId = paymentIntentOf(source);
        String sourceId = source != null ? source.getId() : txn.getSource();
        if (type == Type.CHARGE) {
            sourceId = chargeId;
        }
        return new GatewayTransaction(
                txn.getId(),
                type,
                chargeId,
                sourceId,
                StripeResults.money(txn.getAmount(), txn.getCurrency()),
                StripeResults.money(txn.getFee(), txn.getCurrency()),
                Instant.ofEpochSecond(txn.getCreated()));
    }

    private static Type type(BalanceTransaction txn) {
        String category = txn.getReportingCategory() == null ? "" : txn.getReportingCategory();
        return switch (txn.getType()) {
            case "charge", "payment" -> Type.CHARGE;
            case "refund", "payment_refund" -> Type.REFUND;
            case "payout" -> Type.PAYOUT;
            case "adjustment" ->
                switch (category) {
                    case "dispute" -> Type.DISPUTE_WITHDRAWAL;
                    case "dispute_reversal" -> Type.DISPUTE_REINSTATEMENT;
                    default -> Type.OTHER;
                };
            default -> Type.OTHER;
        };
    }

    /** The PaymentIntent a movement belongs to; a bare charge's id when it has none. */
    private static @Nullable String paymentIntentOf(@Nullable BalanceTransactionSource source) {
        return switch (source) {
            case Charge charge -> charge.getPaymentIntent() != null ? charge.getPaymentIntent() : charge.getId();
            case Refund refund -> refund.getPaymentIntent() != null ? refund.getPaymentIntent() : refund.getCharge();
            case Dispute dispute ->
                dispute.getPaymentIntent() != null ? dispute.getPaymentIntent() : dispute.getCharge();
            case null, default -> null;
        };
    }

    private static long ceilSeconds(Instant instant) {
        return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
    }
}
