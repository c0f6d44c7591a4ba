package org.maecenas.payments;

import org.maecenas.money.Money;

/**
 * What a gateway told us on its own (a Stripe webhook, or the sandbox when an operator simulates
 * something): published in the transaction that stored the news, handled once by the modules that
 * care. Every handler is idempotent by the gateway's ids, since a gateway may tell twice.
 */
public final class GatewayEvents {

    private GatewayEvents() {}

    /** Something happened to the charge made with this key of ours: look it up and apply it. */
    public record ChargeChanged(String gateway, String idempotencyKey) {}

    /** A refund made outside Maecenas (the processor's dashboard); ours are already recorded. */
    public record RefundMade(String gateway, String chargeId, String refundId, Money amount) {}

    /** A patron disputed a charge with their bank: the amount is held. */
    public record DisputeOpened(String gateway, String chargeId, String disputeId, Money amount, String reason) {}

    /** The bank decided: won releases the held amount to the creator, lost takes it. */
    public record DisputeClosed(String gateway, String disputeId, boolean won) {}

    /** A payout to a creator's connected account arrived. */
    public record PayoutPaid(String gateway, String payoutId) {}

    /** A payout to a creator's connected account failed; its money returns to their balance. */
    public record PayoutFailed(String gateway, String payoutId, String reason) {}
}
