/**
 * The double-entry journal: every movement of money is an entry whose legs sum to zero per
 * currency (the database refuses any other at commit). Accounts: gateway clearing per gateway and
 * currency, creator balances, platform fees, refunds, disputes and payouts. the billing module
 * verifies the invariants of DESIGN.md section 3.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ledger")
package org.maecenas.ledger;
