package org.maecenas.payouts.internal;

import org.maecenas.money.Money;
import org.maecenas.payouts.PayoutGateway;

/** Test mode: a payout "arrives" at once; an account id containing "fail" is refused. */
class SandboxPayoutGateway implements PayoutGateway, org.maecenas.payouts.Payouts.SettlesAtOnce {

    @Override
    public String send(String idempotencyKey, String connectAccount, Money amount) {
        if (connectAccount.contains("fail")) {
            throw new IllegalStateException("the sandbox refuses payouts to " + connectAccount);
        }
        return "po_sbx_" + Integer.toHexString(idempotencyKey.hashCode());
    }
}
