package org.maecenas.payments;

import org.maecenas.money.Money;

/**
 * @param idempotencyKey our attempt key: the gateway charges at most once per key
 * @param token the saved payment method's gateway token
 */
public record ChargeRequest(String idempotencyKey, String token, Money amount, String description) {}
