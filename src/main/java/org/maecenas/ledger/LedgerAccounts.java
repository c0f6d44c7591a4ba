package org.maecenas.ledger;

/**
 * Names of ledger accounts. Debits are positive, credits negative: money the platform holds at a
 * gateway is a debit; what it owes creators is a credit.
 */
public final class LedgerAccounts {

    private LedgerAccounts() {}

    public static String gatewayClearing(String gateway) {
        return "gateway-clearing:" + gateway;
    }

    public static String creatorBalance(long campaignId) {
        return "creator-balance:" + campaignId;
    }

    public static final String PLATFORM_FEES = "platform-fees";

    /** Payouts requested and not yet confirmed paid by the bank or Stripe. */
    public static final String PAYOUTS_IN_TRANSIT = "payouts-in-transit";

    /** Money that left the platform for a creator's bank account, per way it was sent. */
    public static String payoutsSent(String method) {
        return "payouts-sent:" + method;
    }

    /** Settled more or less than invoiced (a gateway converted or adjusted): kept visible, never lost. */
    public static final String SETTLEMENT_DIFFERENCES = "settlement-differences";

    /** Money a gateway withdrew for open disputes, which it returns if the dispute is won. */
    public static String disputesPending(String gateway) {
        return "disputes-pending:" + gateway;
    }

    /** A creator's earnings held while a dispute over them is open. */
    public static String creatorHeld(long campaignId) {
        return "creator-held:" + campaignId;
    }
}
