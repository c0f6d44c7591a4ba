/**
 * Paying creators: payout methods (a Stripe Connect account, or a bank account whose details are
 * encrypted at rest), the holding period before earnings are available, requested and automatic
 * monthly payouts, the operator's export for manual transfers, and the ledger entries for each step.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payouts")
package org.maecenas.payouts;
