package org.maecenas.payments;

import org.maecenas.money.Money;

/**
 * @param idempotencyKey our refund key: the gateway refunds at most once per key
 * @param chargeId the gateway's id of the charge, as {@link ChargeResult#chargeId()} gave it
 * @param amount at most what is left of the charge
 */
public record RefundRequest(String idempotencyKey, String chargeId, Money amount, String reason) {}
