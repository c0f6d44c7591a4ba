package org.maecenas.payouts.internal;

import org.maecenas.money.Money;
import org.maecenas.payouts.PayoutGateway;

/**
 * Test mode: a payout "arrives" at once; an account id containing "fail" is refused, and one
 * containing "slow" gives no answer the first time a payout is sent (it is sent when asked again).
 */
class SandboxPayoutGateway implements PayoutGateway, org.maecenas.payouts.Payouts.SettlesAtOnce {

    private final java.util.Set<String> unanswered = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public String send(String idempotencyKey, String connectAccount, Money amount) {
        if (connectAccount.contains("slow") && unanswered.add(idempotencyKey)) {
            throw new IllegalStateException("the sandbox did not answer for payout " + idempotencyKey);
        }
        if (connectAccount.contains("fail")) {
            throw new Refused("the sandbox refuses payouts to " + connectAccount);
        }
        return "po_sbx_" + Integer.toHexString(idempotencyKey.hashCode());
    }
}
