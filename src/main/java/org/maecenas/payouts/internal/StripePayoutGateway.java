package org.maecenas.payouts.internal;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Payout;
import com.stripe.model.Transfer;
import com.stripe.net.RequestOptions;
import com.stripe.param.PayoutCreateParams;
import com.stripe.param.TransferCreateParams;
import java.util.Locale;
import org.maecenas.money.Money;
import org.maecenas.payouts.PayoutGateway;

/**
 * Payouts through Stripe Connect: the amount moves from the platform's balance to the creator's
 * connected account (a Transfer), then from that account to their bank (a Payout on it). Both carry
 * idempotency keys derived from our payout key, so sending one payout again moves the money once.
 * Whether it arrived comes later, by the {@code payout.paid} or {@code payout.failed} webhook.
 */
class StripePayoutGateway implements PayoutGateway {

    private final StripeClient stripe;

    StripePayoutGateway(StripeClient stripe) {
        this.stripe = stripe;
    }

    @Override
    public String send(String idempotencyKey, String connectAccount, Money amount) {
        if (!connectAccount.matches("acct_[A-Za-z0-9]{1,64}")) {
            throw new Refused("not a Stripe connected account: " + connectAccount);
        }
        String currency = amount.currency().getCurrencyCode().toLowerCase(Locale.ROOT);
        try {
            Transfer transfer = stripe.v1()
                    .transfers()
                    .create(
                            TransferCreateParams.builder()
                                    .setAmount(amount.minor())
                                    .setCurrency(currency)
                                    .setDestination(connectAccount)
                                    .setTransferGroup(idempotencyKey)
                                    .putMetadata("maecenas_key", idempotencyKey)
                                    .build(),
                            RequestOptions.builder()
                                    .setIdempotencyKey("maecenas-transfer-" + idempotencyKey)
                                    .build());
            Payout payout = stripe.v1()
                    .payouts()
                    .create(
                            PayoutCreateParams.builder()
                                    .setAmount(amount.minor())
                                    .setCurrency(currency)
                                    .putMetadata("maecenas_key", idempotencyKey)
                                    .putMetadata("maecenas_transfer", transfer.getId())
                                    .build(),
                            RequestOptions.builder()
                                    .setStripeAccount(connectAccount)
                                    .setIdempotencyKey("maecenas-payout-" + idempotencyKey)
                                    .build());
            return payout.getId();
        } catch (com.stripe.exception.InvalidRequestException
                | com.stripe.exception.CardException
                | com.stripe.exception.AuthenticationException refused) {
            // Stripe answered and said no (a 4xx): nothing moved
            throw new Refused("Stripe did not pay out " + idempotencyKey + ": " + refused.getMessage(), refused);
        } catch (StripeException unknown) {
            // no answer, a 5xx or a rate limit after retries: it may have moved; the same keys make a resend safe
            throw new IllegalStateException(
                    "Stripe's answer for payout " + idempotencyKey + " is unknown: " + unknown.getMessage(), unknown);
        }
    }
}
